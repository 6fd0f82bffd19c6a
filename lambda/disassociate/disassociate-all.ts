/**
 * Takes every channel out of a flow that is going away: list the channels associated with it
 * (every page), disassociate them with bounded concurrency that backs off when throttled, and
 * list again, until none is left. Each call is retried within the deadline; a channel already
 * disassociated, or a flow already gone, counts as done, so a later invocation goes on where
 * an earlier one stopped.
 */
import { AdaptiveConcurrency, forEachBounded } from '../shared/adaptive-concurrency';
import { isConflict, isNotFound, isThrottle, isTransient } from '../shared/aws-errors';
import { describeError } from '../shared/cfn-response';
import { DeadlineReachedError, RetryClock, retryUntil, SYSTEM_CLOCK } from '../shared/retry-until';

/** The two messaging calls, as the handler makes them through the AWS SDK client; `signal` aborts the request. */
export interface Messaging {
  listChannels(channelFlowArn: string, nextToken: string | undefined, signal: AbortSignal): Promise<{ channelArns: string[]; nextToken?: string }>;
  disassociate(channelArn: string, channelFlowArn: string, chimeBearer: string, signal: AbortSignal): Promise<void>;
}

/** What has been done for this delete so far, over every invocation. */
export interface Progress {
  /** Channels this handler disassociated. */
  readonly disassociated: number;
  /** Channels found disassociated already when their turn came. */
  readonly alreadyGone: number;
}

export type Outcome =
  | { readonly kind: 'done'; readonly progress: Progress }
  /** The deadline came; `left` channels were known to be associated still. */
  | { readonly kind: 'outOfTime'; readonly progress: Progress; readonly left: number }
  | { readonly kind: 'failed'; readonly progress: Progress; readonly reason: string };

export interface DisassociationRun {
  readonly channelFlowArn: string;
  readonly chimeBearer: string;
  /** The most disassociations in flight. */
  readonly concurrency: number;
  /** Epoch milliseconds: no call starts after it. */
  readonly deadline: number;
  /** How long a call started before the deadline may run past it, so that what it did is known. */
  readonly graceMs?: number;
  /** Carried over from earlier invocations. */
  readonly progress?: Progress;
  readonly clock?: RetryClock;
}

/** ListChannelsAssociatedWithChannelFlow's largest page. */
export const LIST_PAGE_SIZE = 50;
/** More pages than this in one listing (100,000 channels) is a service that never ends its list. */
export const LIST_MAX_PAGES = 2000;
/** The longest wait between two attempts of a call: short enough to catch the end of an outage soon after it. */
const RETRY_MAX_DELAY_MS = 2000;

/** Listings in one invocation; more means channels keep being associated while the flow is deleted. */
export const MAX_ROUNDS = 5;

class ListingError extends Error {}

/** Every channel associated with the flow, all pages; none when the flow is already gone. */
async function listAll(messaging: Messaging, run: DisassociationRun): Promise<string[]> {
  const channels: string[] = [];
  const tokens = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 1; ; page++) {
    if (page > LIST_MAX_PAGES) {
      throw new ListingError(`the listing of channels associated with ${run.channelFlowArn} went on past ${LIST_MAX_PAGES} pages of ${LIST_PAGE_SIZE}`);
    }
    let answer;
    try {
      answer = await retryUntil((signal) => messaging.listChannels(run.channelFlowArn, nextToken, signal),
        { deadline: run.deadline, isRetryable: isTransient, maxDelayMs: RETRY_MAX_DELAY_MS, clock: run.clock });
    } catch (error) {
      if (isNotFound(error)) return [];
      if (error instanceof DeadlineReachedError) throw error;
      throw new ListingError(`could not list the channels associated with ${run.channelFlowArn}: ${describeError(error)}`);
    }
    channels.push(...answer.channelArns);
    nextToken = answer.nextToken;
    if (!nextToken) return channels;
    if (tokens.has(nextToken)) {
      throw new ListingError(`the listing of channels associated with ${run.channelFlowArn} repeated a NextToken on page ${page}: it would never end`);
    }
    tokens.add(nextToken);
  }
}

export async function disassociateAll(messaging: Messaging, run: DisassociationRun): Promise<Outcome> {
  const clock = run.clock ?? SYSTEM_CLOCK;
  let disassociated = run.progress?.disassociated ?? 0;
  let alreadyGone = run.progress?.alreadyGone ?? 0;
  const progress = (): Progress => ({ disassociated, alreadyGone });
  const concurrency = new AdaptiveConcurrency(run.concurrency);
  const doneHere = new Set<string>();
  let failure: { channelArn: string; error: unknown } | undefined;
  let outOfTime = false;

  for (let round = 1; ; round++) {
    let channels: string[];
    try {
      channels = await listAll(messaging, run);
    } catch (error) {
      if (error instanceof DeadlineReachedError) return { kind: 'outOfTime', progress: progress(), left: 0 };
      return { kind: 'failed', progress: progress(), reason: (error as Error).message };
    }
    if (channels.length === 0) return { kind: 'done', progress: progress() };
    if (round > MAX_ROUNDS) {
      const again = channels.filter((channel) => doneHere.has(channel)).length;
      return {
        kind: 'failed',
        progress: progress(),
        reason: `${channels.length} channels are still associated with ${run.channelFlowArn} after ${MAX_ROUNDS} rounds, for example ${channels[0]}: `
          + `${again} of them were associated again after their disassociation here, ${channels.length - again} were associated during the delete. `
          + 'Stop what associates channels with this flow, and delete again',
      };
    }
    let settled = 0;
    await forEachBounded(channels, concurrency, run.concurrency, async (channelArn) => {
      try {
        await retryUntil((signal) => messaging.disassociate(channelArn, run.channelFlowArn, run.chimeBearer, signal), {
          deadline: run.deadline,
          graceMs: run.graceMs,
          maxDelayMs: RETRY_MAX_DELAY_MS,
          isRetryable: (error) => isTransient(error) || isConflict(error),
          onRetry: (error) => { if (isThrottle(error)) concurrency.throttled(); },
          clock,
        });
        disassociated++;
        settled++;
        doneHere.add(channelArn);
        concurrency.succeeded();
      } catch (error) {
        if (isNotFound(error)) {
          alreadyGone++;
          settled++;
        } else if (error instanceof DeadlineReachedError) {
          outOfTime = true;
        } else {
          failure ??= { channelArn, error };
        }
      }
    }, () => failure !== undefined || outOfTime || clock.now() >= run.deadline);
    if (failure) {
      return {
        kind: 'failed',
        progress: progress(),
        reason: `could not disassociate channel ${failure.channelArn} from ${run.channelFlowArn} as ${run.chimeBearer}: ${describeError(failure.error)}`,
      };
    }
    if (outOfTime || clock.now() >= run.deadline) {
      return { kind: 'outOfTime', progress: progress(), left: channels.length - settled };
    }
  }
}
