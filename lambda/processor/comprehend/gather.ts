/**
 * Asks Amazon Comprehend what a message's policy needs, before the decision: the calls
 * comprehend-plan.ts names, in parallel (those in the detected language once it is known), each
 * retried on transient faults until what the callback needs is all that is left of the
 * invocation. Every answer is read as the decision will read it, so a malformed or out-of-range
 * one fails here, counted against its API. Any failure ends the gathering: the message is
 * answered by the policy's onError, and the calls still in flight are aborted.
 */
import type { LanguageCode } from '@aws-sdk/client-comprehend';
import { ComprehendSend } from './client';
import { toxicRequests } from './segments';
import { CompiledPolicy } from '../../../src/core/compile-policy';
import {
  ComprehendAnswerError, ComprehendAnswers, ComprehendApi, dominantLanguage, LanguageBoundApi, piiEntities, toxicityResults,
} from '../../../src/core/comprehend';
import { callLanguage, neededComprehendApis, waitsForLanguage } from '../../../src/core/comprehend-plan';
import { BEFORE_CALLBACK_RESERVE_MS, COMPREHEND_RETRY_POLICY } from '../../../src/core/contract';
import { ChannelMessageEvent } from '../../../src/core/event';
import { ErrorFacts, isTransient, loggableErrorFacts } from '../../shared/aws-errors';
import { retryUntil, RetryClock, SYSTEM_CLOCK } from '../../shared/retry-until';

/** What one API cost this message, for metrics and the log. */
export interface ApiRecord {
  readonly api: ComprehendApi;
  /** Requests sent, retries and a long text's several toxicity requests included. */
  readonly calls: number;
  /** From its first request to its answer or failure. */
  readonly ms: number;
  readonly error?: ErrorFacts;
}

export interface Gathered {
  readonly answers: ComprehendAnswers;
  readonly records: readonly ApiRecord[];
  /** The API whose call failed: the message is answered by onError. */
  readonly failed?: ComprehendApi;
}

export type Gather = (event: ChannelMessageEvent, remainingMs: () => number) => Promise<Gathered>;

/** What the decision will read of an answer, read now so that a bad answer counts as its API's failure. */
function check(api: ComprehendApi, answer: unknown, content: string): void {
  const answers = { [api]: answer };
  if (api === 'DetectDominantLanguage') dominantLanguage(answers);
  else if (api === 'DetectPiiEntities') piiEntities(answers, content);
  else toxicityResults(answers);
}

export function createComprehendGatherer(send: ComprehendSend, policy: CompiledPolicy, clock: RetryClock = SYSTEM_CLOCK): Gather {
  return async (event, remainingMs) => {
    const needed = [...neededComprehendApis(event, policy)];
    if (needed.length === 0) return { answers: {}, records: [] };
    const content = event.message.content!;
    const deadline = clock.now() + remainingMs() - BEFORE_CALLBACK_RESERVE_MS;
    const stop = new AbortController();
    const answers: Record<string, unknown> = {};
    const records: ApiRecord[] = [];
    /** The first API that failed: the others still in flight are aborted for it. */
    let failed: ComprehendApi | undefined;

    /** One request, retried; aborted with the rest when another call fails. */
    const request = <Api extends ComprehendApi>(api: Api, input: Parameters<ComprehendSend>[1], counter: { calls: number }) => retryUntil(
      (signal) => {
        counter.calls++;
        return send(api, input as never, AbortSignal.any([signal, stop.signal]));
      },
      {
        deadline,
        isRetryable: (error) => !stop.signal.aborted && isTransient(error),
        clock,
        baseDelayMs: COMPREHEND_RETRY_POLICY.baseDelayMs,
        maxDelayMs: COMPREHEND_RETRY_POLICY.maxDelayMs,
        attemptTimeoutMs: COMPREHEND_RETRY_POLICY.attemptTimeoutMs,
      });

    const ask = async (api: ComprehendApi, language?: LanguageCode): Promise<void> => {
      const started = clock.now();
      const counter = { calls: 0 };
      try {
        if (api === 'DetectToxicContent') {
          const lists = await Promise.all(toxicRequests(content).map(async (segments) => {
            const answer = await request(api, { TextSegments: segments.map((Text) => ({ Text })), LanguageCode: language }, counter);
            const list = (answer as { ResultList?: unknown }).ResultList;
            if (!Array.isArray(list) || list.length !== segments.length) throw new ComprehendAnswerError(api, 'not one result per segment');
            return list as unknown[];
          }));
          answers[api] = { ResultList: lists.flat() };
        } else {
          answers[api] = await request(api, api === 'DetectPiiEntities' ? { Text: content, LanguageCode: language } : { Text: content }, counter);
        }
        check(api, answers[api], content);
        records.push({ api, calls: counter.calls, ms: clock.now() - started });
      } catch (error) {
        // A call aborted because another failed did not fail itself: recorded without an error, and not blamed.
        const aborted = failed !== undefined;
        failed ??= api;
        const cause = (error as { lastError?: unknown }).lastError ?? error;
        records.push({ api, calls: counter.calls, ms: clock.now() - started, ...(aborted ? {} : { error: loggableErrorFacts(cause) }) });
        stop.abort();
        throw error;
      }
    };
    const languageOf = (api: LanguageBoundApi) => callLanguage(api, event, policy, answers);
    const inLanguage = (api: ComprehendApi) => {
      if (api === 'DetectDominantLanguage') return ask(api);
      // A language the API does not analyze: no call; the policy says what its rules do then.
      const language = languageOf(api as LanguageBoundApi);
      return language === undefined ? undefined : ask(api, language as LanguageCode);
    };

    // Settled, not raced: a failure aborts the calls in flight, and their records are complete when this ends.
    for (const stage of [needed.filter((api) => !waitsForLanguage(api, policy)), needed.filter((api) => waitsForLanguage(api, policy))]) {
      // Each call starts in a promise of its own, so nothing it throws escapes the gathering: the decision reads what is missing as onError.
      await Promise.allSettled(stage.map((api) => Promise.resolve().then(() => inLanguage(api))));
      if (failed) return { answers, records, failed };
    }
    return { answers, records };
  };
}
