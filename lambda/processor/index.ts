/**
 * The channel flow processor: the Lambda entry point. Everything that does not depend on the
 * message (the policy, the SDK client and its connections) is prepared once per container.
 */
import { createCallbackClient, createCallbackSender } from './client';
import { loadPolicy } from './policy-file';
import { createProcessor } from './processor';
import { PROCESSOR_ENVIRONMENT } from '../../src/core/contract';

export const handler = createProcessor({
  policy: loadPolicy(),
  send: createCallbackSender(createCallbackClient()),
  flowName: process.env[PROCESSOR_ENVIRONMENT.channelFlowName] ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown',
});
