import { AttemptRecord, CallbackClock, Send, sendCallback } from './callback';
import type { Gather, Gathered } from './comprehend/gather';
import type { HookStep } from './hook/step';
import { createLogger, Logger, stdoutSink } from './log';
import { metricsLine, MetricValues } from './metrics';
import { CompiledPolicy } from '../../src/core/compile-policy';
import { CALLBACK_RETRY_POLICY, DEFAULT_TIMEOUT_SECONDS, RetryPolicy } from '../../src/core/contract';
import { decide, Decision, decideOnError } from '../../src/core/decide';
import { ChannelMessageEvent, checkEvent } from '../../src/core/event';
import { COMPREHEND_API_DIMENSION, METRIC_NAMES } from '../../src/core/metrics';
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
 * The per-message path: check the event, decide, send the one callback, record what happened.
 *
 * An event that cannot be answered validly, and a callback that cannot be delivered, fail the
 * invocation: after Lambda's retries the event lands in the failure destination, with its
 * CallbackId, where a person can see it and replay it. Nothing is dropped.
 *
 * Log levels: ERROR when the invocation fails; WARN when the message was answered but not
 * quite as its policy says (the policy could not be evaluated, values were left out or cut
 * to fit the callback, the callback needed retries); INFO one line per message otherwise;
 * DEBUG adds a line per callback attempt.
 */
export function createProcessor(deps: ProcessorDependencies) {
  const logger = deps.logger ?? createLogger();
  const sink = deps.metricsSink ?? stdoutSink;
  const emit = (values: MetricValues) => sink(metricsLine(deps.flowName, values, Date.now(), logger.level));
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  const retryPolicy = deps.retryPolicy ?? CALLBACK_RETRY_POLICY;

  /** Comprehend's calls for one message: a metrics line per API, and a warning naming the one that failed. */
  const gatherAnswers = async (gather: Gather, event: ChannelMessageEvent, context: InvocationContext): Promise<Gathered> => {
    const gathered = await gather(event, () => context.getRemainingTimeInMillis());
    for (const record of gathered.records) {
      sink(metricsLine(deps.flowName, {
        [METRIC_NAMES.comprehendCalls]: record.calls,
        [METRIC_NAMES.comprehendLatency]: record.ms,
        [METRIC_NAMES.comprehendFailures]: record.error ? 1 : 0,
      }, Date.now(), logger.level, { name: COMPREHEND_API_DIMENSION, value: record.api }));
    }
    const failure = gathered.records.find((record) => record.api === gathered.failed);
    if (gathered.failed) {
      logger.warn('Amazon Comprehend failed; the message is answered by onError', {
        callbackId: event.callbackId,
        messageId: event.message.messageId,
        api: gathered.failed,
        calls: failure?.calls,
        errorName: failure?.error?.name,
        httpStatus: failure?.error?.httpStatus,
        errorCode: failure?.error?.code,
      });
    }
    return gathered;
  };

  /** The hook's step for one message: its metrics line, and a warning when it failed. */
  const askHook = async (hook: HookStep, event: ChannelMessageEvent, proposal: Decision, context: InvocationContext): Promise<Decision> => {
    const { decision, run } = await hook(event, proposal, () => context.getRemainingTimeInMillis());
    if (!run) return decision;
    emit({ [METRIC_NAMES.hookFailures]: decision.summary.hook === 'failed' ? 1 : 0, [METRIC_NAMES.hookLatency]: run.ms });
    if (decision.summary.hook === 'failed') {
      logger.warn('the processing hook failed; the message is answered by onError', {
        callbackId: event.callbackId,
        messageId: event.message.messageId,
        calls: run.calls,
        ms: run.ms,
        errorName: run.error?.name,
        httpStatus: run.error?.httpStatus,
        errorCode: run.error?.code,
      });
    }
    return decision;
  };

  return async function handler(event: unknown, context: InvocationContext = NO_CONTEXT): Promise<void> {
    const checked = checkEvent(event);
    if (!checked.ok) {
      emit({ [METRIC_NAMES.invalidEvents]: 1 });
      logger.error('invalid event', { callbackId: checked.callbackId, messageId: checked.messageId, reason: checked.reason });
      throw new InvalidEventError(`invalid channel flow event: ${checked.reason}`);
    }

    const gathered = deps.gather ? await gatherAnswers(deps.gather, checked.event, context) : undefined;
    const started = process.hrtime.bigint();
    const proposal = gathered?.failed ? decideOnError(checked.event, deps.policy) : decide(checked.event, deps.policy, gathered?.answers);
    const decisionMicros = Number(process.hrtime.bigint() - started) / 1000;
    const { request, summary } = deps.hook ? await askHook(deps.hook, checked.event, proposal, context) : proposal;

    const ids = { callbackId: request.CallbackId, messageId: request.ChannelMessage.MessageId, channelArn: request.ChannelArn };
    const clock: CallbackClock = { remainingMs: () => context.getRemainingTimeInMillis(), sleep, random };
    const observe = logger.enabled('DEBUG') ? (record: AttemptRecord) => logger.debug('callback attempt', {
      ...ids,
      attempt: record.attempt,
      ms: record.ms,
      errorName: record.error?.name,
      httpStatus: record.error?.httpStatus,
      errorCode: record.error?.code,
      retryInMs: record.delayMs,
    }) : undefined;
    const outcome = await sendCallback(deps.send, request, clock, retryPolicy, observe);
    const retries = Math.max(0, outcome.attempts - 1);

    if (outcome.result === 'failed') {
      emit({ [METRIC_NAMES.callbackFailures]: 1, [METRIC_NAMES.callbackRetries]: retries });
      logger.error('callback failed', {
        ...ids,
        attempts: outcome.attempts,
        errorName: outcome.lastError.name,
        httpStatus: outcome.lastError.httpStatus,
        errorCode: outcome.lastError.code,
      });
      throw new CallbackFailedError(outcome.lastError, outcome.attempts);
    }

    const modified = summary.action === 'deliver' && (summary.redactions > 0 || summary.attributesChanged || summary.push === 'sent');
    emit({
      [METRIC_NAMES.messagesProcessed]: 1,
      [METRIC_NAMES.messagesDenied]: summary.action === 'deny' ? 1 : 0,
      [METRIC_NAMES.messagesModified]: modified ? 1 : 0,
      [METRIC_NAMES.policyErrors]: summary.policyError ? 1 : 0,
      [METRIC_NAMES.alreadyResolved]: outcome.result === 'alreadyResolved' ? 1 : 0,
      [METRIC_NAMES.callbackRetries]: retries,
      [METRIC_NAMES.decisionLatency]: decisionMicros,
    });
    const fields = { ...ids, ...summary, attempts: outcome.attempts, decisionMicros: Math.round(decisionMicros) };
    if (summary.policyError) {
      logger.warn('policy could not be evaluated; answered by onError', fields);
    } else if (outcome.result === 'alreadyResolved') {
      // Delivery is at least once: an earlier invocation already answered this message.
      logger.info('message already resolved', { ...fields, errorName: outcome.lastError?.name, httpStatus: outcome.lastError?.httpStatus });
    } else if (summary.fitted.length > 0 || retries > 0) {
      logger.warn(summary.fitted.length > 0 ? 'message processed; values left out or cut to fit the callback' : 'message processed after retries', fields);
    } else {
      logger.info('message processed', fields);
    }
  };
}
