/**
 * The channel flow processor with Amazon Comprehend: the Lambda entry point of the bundle the
 * construct picks for policies with Comprehend rules.
 */
import { comprehendFeature } from './comprehend/feature';
import { startProcessor } from './start';

export const handler = startProcessor({ comprehend: comprehendFeature });
