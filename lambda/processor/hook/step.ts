/**
 * The hook's step of the per-message path: the policy's proposal put to the hook, and its
 * answer checked and fitted (src/core/hook.ts); when the hook fails or answers out of contract,
 * the policy's onError. A proposal that is already onError's is not put to the hook.
 */
import { RunHook } from './invoke';
import { CompiledPolicy } from '../../../src/core/compile-policy';
import { Decision, decideOnError } from '../../../src/core/decide';
import { ChannelMessageEvent } from '../../../src/core/event';
import { applyHookResult, hookEvent } from '../../../src/core/hook';
import { ErrorFacts } from '../../shared/aws-errors';

export interface HookStepOutcome {
  readonly decision: Decision;
  /** Absent when the hook was not asked (the proposal was already onError's). */
  readonly run?: { readonly calls: number; readonly ms: number; readonly error?: ErrorFacts };
}

export type HookStep = (event: ChannelMessageEvent, proposal: Decision, remainingMs: () => number) => Promise<HookStepOutcome>;

export function createHookStep(run: RunHook, policy: CompiledPolicy): HookStep {
  return async (event, proposal, remainingMs) => {
    if (proposal.summary.policyError) return { decision: proposal };
    const outcome = await run(hookEvent(event, proposal.request), remainingMs);
    let error = outcome.ok ? undefined : outcome.error;
    if (outcome.ok) {
      try {
        return { decision: applyHookResult(event, proposal, outcome.answer), run: { calls: outcome.calls, ms: outcome.ms } };
      } catch (refused) {
        error = { name: (refused as Error).name };
      }
    }
    const fallback = decideOnError(event, policy);
    return { decision: { ...fallback, summary: { ...fallback.summary, hook: 'failed' } }, run: { calls: outcome.calls, ms: outcome.ms, error } };
  };
}
