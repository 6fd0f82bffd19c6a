/**
 * What the processor says of each message: its log lines and its metrics, ids, decisions and
 * counts, never content. One method per moment of the per-message path, so the path itself
 * reads as its steps (processor.ts).
 *
 * Log levels: ERROR when the invocation fails; WARN when the message was answered but not
 * quite as its policy says (the policy could not be evaluated, Comprehend or the hook failed,
 * values were left out or cut to fit the callback, the callback needed retries); INFO one line
 * per message otherwise; DEBUG adds a line per callback attempt.
 */
import type { AttemptRecord, CallbackOutcome } from './callback';
import type { Gathered } from './comprehend/gather';
import type { HookStepOutcome } from './hook/step';
import { Logger } from './log';
import { metricsLine, MetricValues } from './metrics';
import { DecisionSummary } from '../../src/core/decide';
import { ChannelMessageEvent, EventCheck } from '../../src/core/event';
import { COMPREHEND_API_DIMENSION, METRIC_NAMES } from '../../src/core/metrics';

/** The ids every line of a message carries. */
export interface MessageIds {
  readonly callbackId: string;
  readonly messageId: string;
  readonly channelArn: string;
}

export class Telemetry {
  constructor(private readonly flowName: string, public readonly logger: Logger, private readonly sink: (line: string) => void) {}

  public invalidEvent(checked: Extract<EventCheck, { ok: false }>): void {
    this.emit({ [METRIC_NAMES.invalidEvents]: 1 });
    this.logger.error('invalid event', { callbackId: checked.callbackId, messageId: checked.messageId, reason: checked.reason });
  }

  /** Comprehend's calls for one message: a metrics line per API, and a warning naming the one that failed. */
  public comprehend(event: ChannelMessageEvent, gathered: Gathered): void {
    for (const record of gathered.records) {
      this.emit({
        [METRIC_NAMES.comprehendCalls]: record.calls,
        [METRIC_NAMES.comprehendLatency]: record.ms,
        [METRIC_NAMES.comprehendFailures]: record.error ? 1 : 0,
      }, { name: COMPREHEND_API_DIMENSION, value: record.api });
    }
    if (!gathered.failed) return;
    const failure = gathered.records.find((record) => record.api === gathered.failed);
    this.logger.warn('Amazon Comprehend failed; the message is answered by onError', {
      callbackId: event.callbackId,
      messageId: event.message.messageId,
      api: gathered.failed,
      calls: failure?.calls,
      errorName: failure?.error?.name,
      httpStatus: failure?.error?.httpStatus,
      errorCode: failure?.error?.code,
    });
  }

  /** The hook's step for one message: its metrics line, and a warning when it failed. */
  public hook(event: ChannelMessageEvent, { decision, run }: HookStepOutcome): void {
    if (!run) return;
    const failed = decision.summary.hook === 'failed';
    this.emit({ [METRIC_NAMES.hookFailures]: failed ? 1 : 0, [METRIC_NAMES.hookLatency]: run.ms });
    if (!failed) return;
    this.logger.warn('the processing hook failed; the message is answered by onError', {
      callbackId: event.callbackId,
      messageId: event.message.messageId,
      calls: run.calls,
      ms: run.ms,
      errorName: run.error?.name,
      httpStatus: run.error?.httpStatus,
      errorCode: run.error?.code,
    });
  }

  /** A line per callback attempt, at DEBUG only. */
  public attemptObserver(ids: MessageIds): ((record: AttemptRecord) => void) | undefined {
    if (!this.logger.enabled('DEBUG')) return undefined;
    return (record) => this.logger.debug('callback attempt', {
      ...ids,
      attempt: record.attempt,
      ms: record.ms,
      errorName: record.error?.name,
      httpStatus: record.error?.httpStatus,
      errorCode: record.error?.code,
      retryInMs: record.delayMs,
    });
  }

  public callbackFailed(ids: MessageIds, outcome: Extract<CallbackOutcome, { result: 'failed' }>): void {
    this.emit({ [METRIC_NAMES.callbackFailures]: 1, [METRIC_NAMES.callbackRetries]: Math.max(0, outcome.attempts - 1) });
    this.logger.error('callback failed', {
      ...ids,
      attempts: outcome.attempts,
      errorName: outcome.lastError.name,
      httpStatus: outcome.lastError.httpStatus,
      errorCode: outcome.lastError.code,
    });
  }

  /** The message answered: its metrics and its one line. */
  public answered(ids: MessageIds, summary: DecisionSummary, outcome: CallbackOutcome, decisionMicros: number): void {
    const retries = Math.max(0, outcome.attempts - 1);
    const modified = summary.action === 'deliver' && (summary.redactions > 0 || summary.attributesChanged || summary.push === 'sent');
    this.emit({
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
      this.logger.warn('policy could not be evaluated; answered by onError', fields);
    } else if (outcome.result === 'alreadyResolved') {
      // Delivery is at least once: an earlier invocation already answered this message.
      this.logger.info('message already resolved', { ...fields, errorName: outcome.lastError?.name, httpStatus: outcome.lastError?.httpStatus });
    } else if (summary.fitted.length > 0 || retries > 0) {
      this.logger.warn(summary.fitted.length > 0 ? 'message processed; values left out or cut to fit the callback' : 'message processed after retries', fields);
    } else {
      this.logger.info('message processed', fields);
    }
  }

  private emit(values: MetricValues, dimension?: { readonly name: string; readonly value: string }): void {
    this.sink(metricsLine(this.flowName, values, Date.now(), this.logger.level, dimension));
  }
}
