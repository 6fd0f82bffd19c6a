import { AttemptRecord, CallbackClock, Send, sendCallback } from '../../../lambda/processor/callback';
import { CALLBACK_RETRY_POLICY, RetryPolicy } from '../../../src/core/contract';
import { ChannelFlowCallbackRequest } from '../../../src/core/decide';

const REQUEST: ChannelFlowCallbackRequest = { CallbackId: 'c'.repeat(32), ChannelArn: 'arn', ChannelMessage: { MessageId: 'm' } };
const clock: CallbackClock = { remainingMs: () => 30_000, sleep: async () => {}, random: () => 0.5 };
const status = (httpStatusCode: number, name: string, message = '') => Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
const code = (c: string) => Object.assign(new Error(c), { code: c });

/** Sends that fail with these errors in turn, then succeed. */
function failing(...errors: unknown[]) {
  let calls = 0;
  const send: Send = async () => {
    if (calls < errors.length) throw errors[calls++];
    calls++;
  };
  return { send, calls: () => calls };
}

describe('classifying what the service answers', () => {
  test.each([
    ['a 500', status(500, 'ServiceFailureException')],
    ['a dropped connection', code('ECONNRESET')],
    ['a refused connection', code('ECONNREFUSED')],
  ])('a 403 after %s is a real refusal: the invocation fails', async (_, first) => {
    const outcome = await sendCallback(failing(first, status(403, 'ForbiddenException')).send, REQUEST, clock);
    expect(outcome).toMatchObject({ result: 'failed', attempts: 2, lastError: { name: 'ForbiddenException', httpStatus: 403 } });
  });

  test('a 409 is no proof of delivery: it is asked again until a definitive answer, and fails the invocation without one', async () => {
    expect(await sendCallback(failing(status(409, 'Conflict')).send, REQUEST, clock)).toMatchObject({ result: 'sent', attempts: 2 });
    const nonPending = status(400, 'BadRequestException', 'Unable to complete processing of non-pending message');
    expect(await sendCallback(failing(status(409, 'ConflictException'), nonPending).send, REQUEST, clock)).toMatchObject({ result: 'alreadyResolved', attempts: 2 });
    const conflicts = failing(...Array.from({ length: 9 }, () => status(409, 'ConflictException')));
    expect(await sendCallback(conflicts.send, REQUEST, clock))
      .toMatchObject({ result: 'failed', attempts: CALLBACK_RETRY_POLICY.maxAttempts, lastError: { name: 'ConflictException', httpStatus: 409 } });
  });

  test('only a 400 about a non-pending message counts as already resolved', async () => {
    expect(await sendCallback(failing(status(400, 'Http400Error', 'Unable to complete processing of non-pending message')).send, REQUEST, clock))
      .toMatchObject({ result: 'alreadyResolved' });
    expect(await sendCallback(failing(status(400, 'BadRequestException', 'Invalid input')).send, REQUEST, clock))
      .toMatchObject({ result: 'failed', attempts: 1 });
    // A 400 may quote the content: words in it decide nothing.
    expect(await sendCallback(failing(status(400, 'BadRequestException', 'Invalid Content: "is it non-pending message?"')).send, REQUEST, clock))
      .toMatchObject({ result: 'failed', attempts: 1 });
  });

  test('an answer with a 2xx status whose body could not be read means the callback was accepted', async () => {
    expect(await sendCallback(failing(status(200, 'ResponseTooLargeError')).send, REQUEST, clock)).toMatchObject({ result: 'sent', attempts: 1 });
  });

  test('an error without a name or status of the usual types is a failure, not a crash', async () => {
    const odd = Object.assign(new Error('odd'), { name: 42, $metadata: { httpStatusCode: 'x' } });
    expect(await sendCallback(failing(odd).send, REQUEST, clock)).toMatchObject({ result: 'failed', lastError: { name: undefined, httpStatus: undefined } });
  });
});

describe('retries', () => {
  test('backoff is full-jitter exponential, capped at 2 s, and every attempt is observed', async () => {
    const delays: number[] = [];
    const records: AttemptRecord[] = [];
    const recording: CallbackClock = { remainingMs: () => 60_000, sleep: async (ms) => { delays.push(ms); }, random: () => 1 };
    const s = failing(...Array.from({ length: 4 }, () => status(503, 'ServiceUnavailableException')));
    await sendCallback(s.send, REQUEST, recording, { ...CALLBACK_RETRY_POLICY, baseDelayMs: 500 }, (r) => records.push(r));
    expect(delays).toEqual([500, 1000, 2000, 2000]);
    expect(s.calls()).toBe(5);
    expect(records.map((r) => [r.attempt, r.error?.httpStatus, r.delayMs])).toEqual([
      [1, 503, 500], [2, 503, 1000], [3, 503, 2000], [4, 503, 2000], [5, undefined, undefined],
    ]);
  });

  test('an attempt without an answer is aborted at its timeout, and its signal says so', async () => {
    let signal: AbortSignal | undefined;
    const never: Send = (_, s) => {
      signal = s;
      return new Promise(() => {});
    };
    const policy: RetryPolicy = { ...CALLBACK_RETRY_POLICY, maxAttempts: 1, attemptTimeoutMs: 20 };
    const outcome = await sendCallback(never, REQUEST, clock, policy);
    expect(outcome).toMatchObject({ result: 'failed', attempts: 1, lastError: { name: 'AttemptTimeoutError' } });
    expect(signal?.aborted).toBe(true);
  });

  test('no attempt starts, the first included, without time for its timeout plus the reserve', async () => {
    const s = failing();
    const short: CallbackClock = { ...clock, remainingMs: () => 2500 };
    expect(await sendCallback(s.send, REQUEST, short)).toMatchObject({ result: 'failed', attempts: 0, lastError: { name: 'NoTimeLeftError' } });
    expect(s.calls()).toBe(0);
  });

  test('the deadline is checked again after the wait: a timer that fires late starts no attempt', async () => {
    let left = 9_000;
    const late: CallbackClock = { remainingMs: () => left, sleep: async (ms) => { left -= ms + 2_000; }, random: () => 1 };
    const s = failing(status(500, 'ServiceFailureException'));
    expect(await sendCallback(s.send, REQUEST, late)).toMatchObject({ result: 'failed', attempts: 1, lastError: { name: 'ServiceFailureException' } });
    expect(s.calls()).toBe(1);
  });

  test('no retry starts after a wait that would leave too little time for it', async () => {
    let left = 8_200;
    const ticking: CallbackClock = { remainingMs: () => left, sleep: async (ms) => { left -= ms; }, random: () => 1 };
    const s = failing(status(500, 'ServiceFailureException'), status(500, 'ServiceFailureException'));
    // 8,200 ms leave room for one attempt (3 s + 5 s); after a wait of 100 ms, 8,100 ms still do; after 200 more, 7,900 do not.
    expect(await sendCallback(s.send, REQUEST, ticking)).toMatchObject({ result: 'failed', attempts: 2 });
    expect(left).toBe(8_100);
  });
});
