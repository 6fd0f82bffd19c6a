import { CallbackClock, Send, sendCallback } from './callback';
import type { Gather } from './comprehend/gather';
import type { HookStep } from './hook/step';
import { createLogger, Logger, stdoutSink } from './log';
import { Telemetry } from './telemetry';
import { CompiledPolicy } from '../../src/core/compile-policy';
import { CALLBACK_RETRY_POLICY, DEFAULT_TIMEOUT_SECONDS, RetryPolicy } from '../../src/core/contract';
import { decide, decideOnError } from '../../src/core/decide';
import { ChannelMessageEvent, checkEvent } from '../../src/core/event';
import { ErrorFacts } from '../shared/aws-errors';

/** What the Lambda runtime passes as the second argument; only the deadline is used. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

export interface ProcessorDependencies {
  readonly policy: CompiledPolicy;
  readonly send: Send;
  /** The metrics' dimension: the channel flow's name. */
  readonly flowName: string;
  readonly logger?: Logger;
  /** Where embedded-metric-format lines go. */
  readonly metricsSink?: (line: string) => void;
  readonly retryPolicy?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Asks Amazon Comprehend what the policy needs; only for a policy with Comprehend rules. */
  readonly gather?: Gather;
  /** Puts the policy's proposal to the processing hook; only for a flow with one. */
  readonly hook?: HookStep;
}

/** An event this processor cannot answer; the invocation fails so it reaches the failure destination. */
export class InvalidEventError extends Error {
  public readonly name = 'InvalidEventError';
}

/**
 * The callback could not be delivered. It says what the service answered by name and status
 * only: the service's message may quote the request (the content), and this error ends up in
 * Lambda's failure record and log.
 */
export class CallbackFailedError extends Error {
  public readonly name: string;
  public readonly $metadata: { readonly httpStatusCode?: number };
  constructor(facts: ErrorFacts, attempts: number) {
    const answer = [facts.name ?? 'Error', facts.httpStatus !== undefined ? `HTTP ${facts.httpStatus}` : undefined, facts.code]
      .filter(Boolean).join(', ');
    super(`ChannelFlowCallback not delivered after ${attempts} attempt(s): ${answer}`);
    this.name = facts.name ?? 'CallbackFailedError';
    this.$metadata = { httpStatusCode: facts.httpStatus };
  }
}

/** Without a Lambda context (tests call the handler with the event alone), assume the default function timeout. */
const NO_CONTEXT: InvocationContext = { getRemainingTimeInMillis: () => DEFAULT_TIMEOUT_SECONDS * 1000 };

/**
 * The per-message path: check the event, ask Comprehend and decide, put the proposal to the
 * hook, send the one callback, say what happened (telemetry.ts).
 *
 * An event that cannot be answered validly, and a callback that cannot be delivered, fail the
 * invocation: after Lambda's retries the event lands in the failure destination, with its
 * CallbackId, where a person can see it and replay it. Nothing is dropped.
 */
export function createProcessor(deps: ProcessorDependencies) {
  const telemetry = new Telemetry(deps.flowName, deps.logger ?? createLogger(), deps.metricsSink ?? stdoutSink);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  const retryPolicy = deps.retryPolicy ?? CALLBACK_RETRY_POLICY;

  /** The decision for a checked event: Comprehend's answers first, the hook's last, each only for a flow that has them. */
  const decideMessage = async (event: ChannelMessageEvent, remainingMs: () => number) => {
    const gathered = deps.gather ? await deps.gather(event, remainingMs) : undefined;
    if (gathered) telemetry.comprehend(event, gathered);
    const started = process.hrtime.bigint();
    const proposal = gathered?.failed ? decideOnError(event, deps.policy) : decide(event, deps.policy, gathered?.answers);
    const decisionMicros = Number(process.hrtime.bigint() - started) / 1000;
    if (!deps.hook) return { decision: proposal, decisionMicros };
    const hooked = await deps.hook(event, proposal, remainingMs);
    telemetry.hook(event, hooked);
    return { decision: hooked.decision, decisionMicros };
  };

  return async function handler(event: unknown, context: InvocationContext = NO_CONTEXT): Promise<void> {
    const checked = checkEvent(event);
    if (!checked.ok) {
      telemetry.invalidEvent(checked);
      throw new InvalidEventError(`invalid channel flow event: ${checked.reason}`);
    }
    const remainingMs = () => context.getRemainingTimeInMillis();
    const { decision: { request, summary }, decisionMicros } = await decideMessage(checked.event, remainingMs);
    const ids = { callbackId: request.CallbackId, messageId: request.ChannelMessage.MessageId, channelArn: request.ChannelArn };
    const clock: CallbackClock = { remainingMs, sleep, random };
    const outcome = await sendCallback(deps.send, request, clock, retryPolicy, telemetry.attemptObserver(ids));
    if (outcome.result === 'failed') {
      telemetry.callbackFailed(ids, outcome);
      throw new CallbackFailedError(outcome.lastError, outcome.attempts);
    }
    telemetry.answered(ids, summary, outcome, decisionMicros);
  };
}
