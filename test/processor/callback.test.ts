import { CallbackClock, sendCallback } from '../../lambda/processor/callback';
import { TimeoutError } from '../../lambda/processor/client';
import { ChannelFlowCallbackRequest } from '../../src/core/decide';

const REQUEST: ChannelFlowCallbackRequest = { CallbackId: 'c'.repeat(32), ChannelArn: 'arn', ChannelMessage: { MessageId: 'm' } };
const clock: CallbackClock = { remainingMs: () => 30_000, sleep: async () => {}, random: () => 0.5 };
const status = (httpStatusCode: number, name: string, message = '') => Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
const code = (c: string) => Object.assign(new Error(c), { code: c });

/** Sends that fail with these errors in turn, then succeed. */
function failing(...errors: unknown[]) {
  let calls = 0;
  return { send: async () => { if (calls < errors.length) throw errors[calls++]; calls++; }, calls: () => calls };
}

describe('classifying what the service answers', () => {
  test.each([
    ['a refused connection', code('ECONNREFUSED')],
    ['a failed DNS lookup', code('ENOTFOUND')],
    ['no connection within the connection timeout', new TimeoutError('no connection', true)],
  ])('a 403 after %s is a real refusal: the request never reached the service', async (_, first) => {
    const outcome = await sendCallback(failing(first, status(403, 'ForbiddenException')).send, REQUEST, clock);
    expect(outcome).toMatchObject({ result: 'failed', attempts: 2 });
  });

  test.each([
    ['a 500', status(500, 'ServiceFailureException')],
    ['a dropped connection', code('ECONNRESET')],
    ['no answer within the request timeout', new TimeoutError('no answer')],
  ])('a 403 after %s counts as done: the first attempt may have been applied', async (_, first) => {
    const outcome = await sendCallback(failing(first, status(403, 'ForbiddenException')).send, REQUEST, clock);
    expect(outcome).toMatchObject({ result: 'alreadyResolved', attempts: 2 });
  });

  test('a 409 or a 400 about a non-pending message counts as done whatever the error is named', async () => {
    expect(await sendCallback(failing(status(409, 'Conflict')).send, REQUEST, clock)).toMatchObject({ result: 'alreadyResolved' });
    expect(await sendCallback(failing(status(400, 'Http400Error', 'Unable to complete processing of non-pending message')).send, REQUEST, clock))
      .toMatchObject({ result: 'alreadyResolved' });
  });

  test('backoff is full-jitter exponential, capped at 2 s', async () => {
    const delays: number[] = [];
    const recording: CallbackClock = { remainingMs: () => 60_000, sleep: async (ms) => { delays.push(ms); }, random: () => 1 };
    const s = failing(...Array.from({ length: 4 }, () => status(503, 'ServiceUnavailableException')));
    await sendCallback(s.send, REQUEST, recording, { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 2000, reserveMs: 5000 });
    expect(delays).toEqual([500, 1000, 2000, 2000]);
    expect(s.calls()).toBe(5);
  });
});
