/**
 * Replays the events of a channel flow's failure queue: each Lambda on-failure record holds
 * the original event, CallbackId included, and invoking the processor with it again answers
 * the message, as long as the message is still pending (48 hours after it was sent).
 */
import { epochMilliseconds } from '../../src/core/epoch';

export const PENDING_WINDOW_MS = 48 * 3600 * 1000;

export interface QueueMessage {
  readonly body: string;
  readonly receiptHandle: string;
}

export interface ReplayPorts {
  /** Up to 10 messages, hidden from other readers while this replay works on them (not in a dry run, which only looks). */
  receive(max: number): Promise<QueueMessage[]>;
  /** Invokes the processor synchronously with the event; resolves to the function's error type, if it failed. */
  invoke(functionArn: string, event: unknown): Promise<{ functionError?: string }>;
  remove(receiptHandle: string): Promise<void>;
  now(): number;
  log(line: string): void;
}

export interface ReplayOptions {
  /** The processor to invoke; by default the one named in each record. */
  readonly functionArn?: string;
  /** At most this many messages. */
  readonly max: number;
  /** Only say what would be replayed. */
  readonly dryRun: boolean;
}

export interface ReplaySummary {
  replayed: number;
  failed: number;
  expired: number;
  skipped: number;
}

type Classified =
  | { kind: 'replay'; event: any; functionArn?: string; callbackId: string; sentAt?: number }
  | { kind: 'serviceFailure'; messageId?: string; reason?: string }
  | { kind: 'unknown' };

function timestampMs(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    return epochMilliseconds(Number(text));
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** What a failure-queue message is: a Lambda on-failure record, the service's ProcessorInvocationFailure event, or neither. */
export function classify(body: string): Classified {
  let parsed: any;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: 'unknown' };
  }
  if (parsed?.source === 'aws.chime' && parsed?.detail?.eventType === 'ProcessorInvocationFailure') {
    return { kind: 'serviceFailure', messageId: parsed.detail.messageId, reason: parsed.detail.failureReason };
  }
  const event = parsed?.requestPayload;
  if (typeof event?.CallbackId !== 'string' || typeof event?.ChannelMessage !== 'object') return { kind: 'unknown' };
  // The later of creation and last edit: an edit is pending from when it was made. The
  // format is not documented: ISO 8601, or epoch milliseconds or seconds.
  const times = [event.ChannelMessage.CreatedTimestamp, event.ChannelMessage.LastEditedTimestamp].map(timestampMs)
    .filter((t): t is number => t !== undefined);
  return {
    kind: 'replay',
    event,
    functionArn: parsed.requestContext?.functionArn,
    callbackId: event.CallbackId,
    sentAt: times.length > 0 ? Math.max(...times) : undefined,
  };
}

export async function replayFailures(ports: ReplayPorts, options: ReplayOptions): Promise<ReplaySummary> {
  const summary: ReplaySummary = { replayed: 0, failed: 0, expired: 0, skipped: 0 };
  let seen = 0;
  while (seen < options.max) {
    const batch = await ports.receive(Math.min(10, options.max - seen));
    if (batch.length === 0) break;
    for (const message of batch) {
      seen++;
      const item = classify(message.body);
      if (item.kind !== 'replay') {
        summary.skipped++;
        ports.log(item.kind === 'serviceFailure'
          ? `skip: the service could not invoke the processor for message ${item.messageId} (${item.reason}); its fallback action applied, nothing to replay`
          : 'skip: not a Lambda on-failure record of this processor');
        continue;
      }
      if (item.sentAt !== undefined && ports.now() - item.sentAt > PENDING_WINDOW_MS) {
        summary.expired++;
        ports.log(`expired: callback ${item.callbackId} is past the 48-hour window; the message can no longer be answered`);
        continue;
      }
      const functionArn = options.functionArn ?? item.functionArn;
      if (!functionArn) {
        summary.skipped++;
        ports.log(`skip: callback ${item.callbackId} names no function; pass --function`);
        continue;
      }
      if (options.dryRun) {
        ports.log(`would replay callback ${item.callbackId} to ${functionArn}`);
        continue;
      }
      const result = await ports.invoke(functionArn, item.event);
      if (result.functionError) {
        summary.failed++;
        ports.log(`failed: callback ${item.callbackId} (${result.functionError}); left in the queue`);
      } else {
        summary.replayed++;
        await ports.remove(message.receiptHandle);
        ports.log(`replayed: callback ${item.callbackId}`);
      }
    }
  }
  return summary;
}
