/** The processing-hook feature of a processor bundle: the Lambda client, made once per container, and the hook's step. */
import { createHookClient, createHookRunner, createHookSender } from './invoke';
import { createHookStep, HookStep } from './step';
import { CompiledPolicy } from '../../../src/core/compile-policy';

export const hookFeature = (policy: CompiledPolicy, functionName: string, timeoutMs: number): HookStep =>
  createHookStep(createHookRunner(createHookSender(createHookClient(), functionName), timeoutMs), policy);
