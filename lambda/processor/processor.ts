import { createLogger, Logger } from './log';
import { CompiledPolicy, ChannelFlowCallbackRequest, decide } from '../../src/core/decide';
import { checkEvent } from '../../src/core/event';

export interface ProcessorDependencies {
  readonly policy: CompiledPolicy;
  readonly sendCallback: (request: ChannelFlowCallbackRequest) => Promise<unknown>;
  readonly logger?: Logger;
}

/** An event this processor cannot answer; the invocation fails so it reaches the failure destination. */
export class InvalidEventError extends Error {
  public readonly name = 'InvalidEventError';
}

/**
 * Whether the service refused the callback because the message was already answered: a
 * ConflictException (two callbacks racing), or a BadRequestException about a non-pending message.
 */
export function isAlreadyResolved(error: unknown): boolean {
  const err = error as { name?: string; message?: string };
  return err.name === 'ConflictException'
    || (err.name === 'BadRequestException' && /non-pending/i.test(err.message ?? ''));
}

/**
 * The per-message path: check the event, decide, send the one callback.
 *
 * An event that cannot be answered validly fails the invocation, so that after Lambda's
 * retries it lands in the failure destination where a person can see it: nothing is dropped.
 */
export function createProcessor(deps: ProcessorDependencies) {
  const logger = deps.logger ?? createLogger();
  return async function handler(event: unknown): Promise<void> {
    const started = Date.now();
    const checked = checkEvent(event);
    if (!checked.ok) {
      logger.error('invalid event', { callbackId: checked.callbackId, messageId: checked.messageId, reason: checked.reason });
      throw new InvalidEventError(`invalid channel flow event: ${checked.reason}`);
    }
    const { request, summary } = decide(checked.event, deps.policy);
    const ids = { callbackId: request.CallbackId, messageId: request.ChannelMessage.MessageId, channelArn: request.ChannelArn };
    try {
      await deps.sendCallback(request);
    } catch (error) {
      const err = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      const failure = { ...ids, errorName: err.name, httpStatus: err.$metadata?.httpStatusCode };
      if (isAlreadyResolved(error)) {
        // Delivery is at least once: an earlier invocation already answered this message.
        logger.info('message already resolved', { ...failure, ...summary, durationMs: Date.now() - started });
        return;
      }
      logger.error('callback failed', failure);
      throw error;
    }
    logger.info('message processed', { ...ids, ...summary, durationMs: Date.now() - started });
  };
}
