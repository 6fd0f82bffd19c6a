import * as fs from 'fs';
import * as path from 'path';
import { PolicyDocument } from '../../../src/core/document';
import { documentOf } from '../../support/arbitraries';
import { callbackViolations } from '../../support/callback-limits';
import { Answer, FakeChime, ok, RecordedRequest } from '../../support/fake-chime';
import { HOOK_ARN, hookReturns, hookThrottled, hookThrows, invokeRefusals } from '../../support/fake-hook';
import { ROOT, sampleEvent } from '../../support/fixtures';
import { runProcessor } from '../../support/run-processor';
import { signatureVerifies } from '../../support/sigv4';

const POLICY: PolicyDocument = documentOf({
  onError: 'deny',
  moderation: { deny: [{ type: 'contentContainsAny', words: ['forbidden'] }], redact: [{ kind: 'email', replacement: '[email]' }] },
  messageAttributes: [{ op: 'set', name: 'source', values: ['web'] }],
  pushNotification: [{ action: 'send', title: '{{sender.name}}', body: '{{content}}', type: 'DEFAULT' }],
});

const withContent = (Content: string) => {
  const event = sampleEvent('message-basic');
  event.ChannelMessage.Content = Content;
  return event;
};

describe('the processor with a processing hook, on the wire (real SDK Lambda client, stubs on 127.0.0.1)', () => {
  let arrived: any;
  const violations = (request: RecordedRequest) => callbackViolations({ ...JSON.parse(request.body), ChannelArn: 'arn:aws:chime:us-east-1:1:x' },
    arrived?.ChannelMessage);
  const chime = new FakeChime(violations);
  const lambda = new FakeChime(invokeRefusals);
  beforeAll(async () => { await chime.start(); await lambda.start(); });
  afterAll(async () => { await chime.stop(); await lambda.stop(); });
  beforeEach(() => chime.respondWith(ok));
  afterEach(() => {
    // Every invocation was one Lambda accepts, and every callback one the API accepts.
    expect(lambda.requests.flatMap(invokeRefusals)).toEqual([]);
    expect(chime.requests.flatMap(violations)).toEqual([]);
  });

  const run = (answers: Answer | ((attempt: number) => Answer), options: { bundle?: 'processor-hook' | 'processor'; timeoutMs?: number; remainingMs?: number } = {}) => {
    lambda.respondWith((_request, attempt) => (typeof answers === 'function' ? answers(attempt) : answers));
    arrived = withContent('mail ann@example.com');
    return runProcessor({
      bundle: options.bundle ?? 'processor-hook',
      policy: POLICY,
      events: [arrived],
      remainingMs: options.remainingMs,
      env: {
        AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: chime.endpoint,
        AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
        PROCESSING_HOOK_FUNCTION: HOOK_ARN,
        PROCESSING_HOOK_TIMEOUT_MS: String(options.timeoutMs ?? 2000),
      },
    });
  };
  const sent = () => JSON.parse(chime.requests[0].body);
  const metrics = (lines: any[]) => lines.find((l) => 'HookLatency' in l);

  test('an answer of nothing keeps the proposal; the hook got the message and the proposal, signed for lambda', async () => {
    const { stdout, lines } = await run(hookReturns(null));
    expect(stdout).toContain('RESULT ok');
    const event = JSON.parse(lambda.requests[0].body);
    expect(event).toMatchObject({
      version: 1,
      callbackId: arrived.CallbackId,
      message: { content: 'mail ann@example.com' },
      proposal: { action: 'deliver', content: 'mail [email]', attributes: { source: ['web'] } },
    });
    expect(await signatureVerifies(lambda.requests[0], 'us-east-1', 'lambda')).toBe(true);
    expect(sent().ChannelMessage).toMatchObject({ Content: 'mail [email]', PushNotification: { Title: 'Alice', Body: 'mail [email]' } });
    expect(metrics(lines)).toMatchObject({ HookFailures: 0, HookLatency: expect.any(Number) });
  });

  test.each([
    ['content', { content: 'rewritten by the hook' }, { Content: 'rewritten by the hook' }],
    ['metadata', { metadata: '{"ticket":42}' }, { Metadata: '{"ticket":42}' }],
    ['attributes', { attributes: { team: ['billing'] } }, { MessageAttributes: { team: { StringValues: ['billing'] } } }],
    ['the push notification', { pushNotification: { title: 'Billing', body: 'a new ticket', type: 'VOIP' } },
      { PushNotification: { Title: 'Billing', Body: 'a new ticket', Type: 'VOIP' } }],
  ])('a replacement of %s is sent, fitted', async (_, replacement, expected) => {
    await run(hookReturns({ version: 1, action: 'replace', ...replacement }));
    expect(sent().ChannelMessage).toMatchObject(expected);
    expect(sent().DeleteResource).toBeUndefined();
  });

  test('removing the push notification sends none', async () => {
    await run(hookReturns({ action: 'replace', removePushNotification: true }));
    expect(sent().ChannelMessage.PushNotification).toBeUndefined();
  });

  test('a deny denies', async () => {
    await run(hookReturns({ action: 'deny' }));
    expect(sent()).toMatchObject({ DeleteResource: true });
  });

  test('a throttled invocation is retried within the hook\'s timeout', async () => {
    const { lines } = await run((attempt) => (attempt < 3 ? hookThrottled : hookReturns({ action: 'replace', content: 'after retries' })));
    expect(lambda.requests).toHaveLength(3);
    expect(sent().ChannelMessage.Content).toBe('after retries');
    expect(metrics(lines)).toMatchObject({ HookFailures: 0 });
  });

  test.each([
    ['an answer not of the contract', hookReturns({ action: 'allow' }), 'HookAnswerError'],
    ['an answer that is not JSON', { status: 200, rawBody: 'OK!' }, 'HookAnswerNotJsonError'],
    ['an error in the hook', hookThrows, 'HookFunctionError'],
    ['a hook that never answers', { never: true }, 'AttemptTimeoutError'],
    ['a throttle that outlasts the timeout', hookThrottled, 'TooManyRequestsException'],
  ] as Array<[string, Answer, string]>)('%s is answered by onError (deny), logged and counted, with no content in the log', async (_, answer, errorName) => {
    const started = Date.now();
    const { stdout, lines } = await run(answer, { timeoutMs: 1000 });
    expect(stdout).toContain('RESULT ok');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sent()).toMatchObject({ DeleteResource: true });
    expect(lines.find((l) => l.message?.startsWith('the processing hook failed'))).toMatchObject({ level: 'WARN', errorName });
    expect(metrics(lines)).toMatchObject({ HookFailures: 1 });
    expect(lines.find((l) => l.MessagesProcessed)).toMatchObject({ MessagesDenied: 1, PolicyErrors: 1 });
    expect(stdout).not.toMatch(/ann@example|Bob|order 42/);
  });

  test('the hook waits no longer than the invocation leaves for the callback', async () => {
    const { stdout } = await run({ never: true }, { timeoutMs: 30_000, remainingMs: 11_000 });
    expect(stdout).toContain('RESULT ok');
    expect(sent()).toMatchObject({ DeleteResource: true });
  });

  test('the plain processor has no Lambda client, and refuses to start with a hook', async () => {
    expect(fs.readFileSync(path.join(ROOT, 'assets', 'processor', 'index.js'), 'utf8')).not.toContain('/2015-03-31/functions/');
    expect(fs.readFileSync(path.join(ROOT, 'assets', 'processor-hook', 'index.js'), 'utf8')).toContain('/2015-03-31/functions/');
    const { stdout } = await run(hookReturns(null), { bundle: 'processor' }).catch((error) => ({ stdout: String(error) }));
    expect(stdout).toContain('this processor bundle has no Lambda client');
  });
});
