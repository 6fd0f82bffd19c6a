/**
 * What every processor bundle does once per container: read the policy, make the SDK clients
 * it needs, and the handler. A bundle with more features passes their makers (`features`), so
 * the plain bundle never holds their clients; a bundle refuses to start on a policy or a hook it
 * cannot serve, rather than fail every message.
 */
import { createCallbackClient, createCallbackSender } from './client';
import type { Gather } from './comprehend/gather';
import type { HookStep } from './hook/step';
import { loadPolicy } from './policy-file';
import { createProcessor } from './processor';
import { CompiledPolicy } from '../../src/core/compile-policy';
import { policyComprehendApis } from '../../src/core/comprehend-plan';
import { PROCESSING_HOOK_TIMEOUT, PROCESSOR_ENVIRONMENT } from '../../src/core/contract';

export interface ProcessorFeatureMakers {
  readonly comprehend?: (policy: CompiledPolicy) => Gather;
  readonly hook?: (policy: CompiledPolicy, functionName: string, timeoutMs: number) => HookStep;
}

export function startProcessor(features: ProcessorFeatureMakers = {}) {
  const policy = loadPolicy();
  const apis = policyComprehendApis(policy.document);
  if (apis.size > 0 && !features.comprehend) {
    throw new Error(`the policy uses ${[...apis].join(', ')}, and this processor bundle has no Amazon Comprehend client`);
  }
  const hookFunction = process.env[PROCESSOR_ENVIRONMENT.processingHookFunction];
  if (hookFunction && !features.hook) throw new Error('a processing hook is configured, and this processor bundle has no Lambda client to invoke it');
  const hookTimeoutMs = Number(process.env[PROCESSOR_ENVIRONMENT.processingHookTimeoutMs] ?? PROCESSING_HOOK_TIMEOUT.defaultSeconds * 1000);
  return createProcessor({
    policy,
    send: createCallbackSender(createCallbackClient()),
    flowName: process.env[PROCESSOR_ENVIRONMENT.channelFlowName] ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown',
    ...(apis.size > 0 ? { gather: features.comprehend!(policy) } : {}),
    ...(hookFunction ? { hook: features.hook!(policy, hookFunction, hookTimeoutMs) } : {}),
  });
}
