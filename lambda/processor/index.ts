/**
 * The channel flow processor: the Lambda entry point of the plain bundle, for policies without
 * Amazon Comprehend rules. Everything that does not depend on the message (the policy, the SDK
 * client and its connections) is prepared once per container.
 */
import { startProcessor } from './start';

export const handler = startProcessor();
