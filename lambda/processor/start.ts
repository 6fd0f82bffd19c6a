/**
 * What every processor bundle does once per container: read the policy, make the callback's
 * SDK client, and the handler. A bundle with more features adds its own dependencies
 * (`features`), so the plain bundle never holds their clients.
 */
import { createCallbackClient, createCallbackSender } from './client';
import { loadPolicy } from './policy-file';
import { createProcessor, ProcessorDependencies } from './processor';
import { CompiledPolicy } from '../../src/core/compile-policy';
import { policyComprehendApis } from '../../src/core/comprehend-plan';
import { PROCESSOR_ENVIRONMENT } from '../../src/core/contract';

export type FeatureDependencies = (policy: CompiledPolicy) => Partial<ProcessorDependencies>;

/** A bundle without Comprehend refuses to start on a policy that needs it, rather than fail every message. */
const WITHOUT_COMPREHEND: FeatureDependencies = (policy) => {
  const apis = policyComprehendApis(policy.document);
  if (apis.size > 0) throw new Error(`the policy uses ${[...apis].join(', ')}, and this processor bundle has no Amazon Comprehend client`);
  return {};
};

export function startProcessor(features: FeatureDependencies = WITHOUT_COMPREHEND) {
  const policy = loadPolicy();
  return createProcessor({
    policy,
    send: createCallbackSender(createCallbackClient()),
    flowName: process.env[PROCESSOR_ENVIRONMENT.channelFlowName] ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown',
    ...features(policy),
  });
}
