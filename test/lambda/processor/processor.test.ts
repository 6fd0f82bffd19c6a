import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { createCallbackClient, createCallbackSender } from '../../../lambda/processor/client';
import { createLogger, LogLevel } from '../../../lambda/processor/log';
import { createProcessor, InvocationContext } from '../../../lambda/processor/processor';
import { compilePolicy } from '../../../src/core/compile-policy';
import { CALLBACK_RETRY_POLICY, RetryPolicy } from '../../../src/core/contract';
import { PolicyDocument } from '../../../src/core/document';
import { callbackViolations } from '../../support/callback-limits';
import { Answer, FakeChime, fault, ok, RecordedRequest, script } from '../../support/fake-chime';
import { ROOT, sampleEvent } from '../../support/fixtures';
import { patternOf } from '../../support/patterns';
import { LAMBDA_TEST_ENV } from '../../support/run-processor';
import { CREDENTIALS, signatureVerifies } from '../../support/sigv4';

const POLICY: PolicyDocument = {
  version: 3,
  moderation: { deny: [], redact: [] },
  onError: 'deliver',
  messageAttributes: [
    { op: 'set', name: 'source', values: ['web'] },
    { op: 'fromMetadata', name: 'priority', key: 'priority' },
    { op: 'fromSender', name: 'senderName', field: 'name' },
  ],
  pushNotification: [{ action: 'send', title: '{{sender.name}}', body: '{{content}}', type: 'DEFAULT' }],
};

/** The event last handed to a processor: the stub holds each callback to the limits relative to it. */
let arrived: any;

/** The API's limits, as the stub applies them to what it receives. */
function refusals(request: RecordedRequest): string[] {
  const channelArn = decodeURIComponent(request.url.split('?')[0].replace(/^\/channels\//, ''));
  return callbackViolations({ ...JSON.parse(request.body), ChannelArn: channelArn }, arrived?.ChannelMessage);
}

/** Waits a moment for the server to see the connection the client closed. */
async function closed(chime: FakeChime): Promise<void> {
  for (let i = 0; i < 50 && chime.abandoned === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** A Lambda context whose deadline is `ms` from now, and runs down with the clock. */
function deadlineIn(ms: number): InvocationContext {
  const deadline = Date.now() + ms;
  return { getRemainingTimeInMillis: () => deadline - Date.now() };
}

describe('the processor on the wire (the AWS SDK client, a local HTTP server)', () => {
  const chime = new FakeChime(refusals);
  let logs: string[];
  let metrics: any[];

  beforeAll(() => chime.start());
  afterAll(() => chime.stop());
  beforeEach(() => {
    chime.respondWith(ok);
    logs = [];
    metrics = [];
  });

  function processor(options: { retryPolicy?: RetryPolicy; level?: LogLevel; policy?: PolicyDocument } = {}) {
    const client = createCallbackClient({ region: 'us-east-1', endpoint: chime.endpoint, credentials: CREDENTIALS });
    const handler = createProcessor({
      policy: compilePolicy(options.policy ?? POLICY),
      send: createCallbackSender(client),
      flowName: 'chat-flow',
      logger: createLogger((line) => logs.push(line), options.level ?? 'INFO'),
      metricsSink: (line) => metrics.push(JSON.parse(line)),
      sleep: async () => {},
      random: () => 0.5,
      retryPolicy: options.retryPolicy,
    });
    return (event: any, context?: InvocationContext) => {
      arrived = event;
      return handler(event, context);
    };
  }

  test('sends one signed ChannelFlowCallbackCommand with the event\'s CallbackId and the policy applied', async () => {
    const event = sampleEvent('message-basic');
    await processor()(event);

    expect(chime.requests).toHaveLength(1);
    const [request] = chime.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`/channels/${encodeURIComponent(event.ChannelMessage.ChannelArn)}?operation=channel-flow-callback`);
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/chime\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
    expect(await signatureVerifies(request)).toBe(true);
    expect(await signatureVerifies({ ...request, body: request.body.replace('Alice', 'Mallory') })).toBe(false);
    expect(request.headers['x-amz-security-token']).toBe(CREDENTIALS.sessionToken);
    expect(request.headers['x-amz-chime-bearer']).toBeUndefined();
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      CallbackId: event.CallbackId,
      ChannelMessage: {
        MessageId: event.ChannelMessage.MessageId,
        Content: event.ChannelMessage.Content,
        Metadata: event.ChannelMessage.Metadata,
        MessageAttributes: {
          source: { StringValues: ['web'] },
          priority: { StringValues: ['high'] },
          senderName: { StringValues: ['Alice'] },
        },
        PushNotification: { Title: 'Alice', Body: 'Hello team, the release is ready.', Type: 'DEFAULT' },
      },
    });
  });

  test('keeps its connection alive: the messages of a container share one socket', async () => {
    const handler = processor();
    for (let i = 0; i < 3; i++) await handler(sampleEvent('message-basic'));
    expect(new Set(chime.requests.map((r) => r.remotePort)).size).toBe(1);
  });

  test('keeps the sub-channel and arriving attributes of a non-persistent message', async () => {
    const event = sampleEvent('message-update-nonpersistent');
    await processor()(event);
    const body = JSON.parse(chime.requests[0].body);
    expect(body.CallbackId).toBe(event.CallbackId);
    expect(body.ChannelMessage.SubChannelId).toBe('sub-7');
    expect(body.ChannelMessage.MessageAttributes.client).toEqual({ StringValues: ['ios'] });
  });

  test('logs one structured line with ids and the decision, and no message text; metrics in embedded metric format', async () => {
    const event = sampleEvent('message-basic');
    await processor()(event);
    expect(logs).toHaveLength(1);
    expect(JSON.parse(logs[0])).toMatchObject({
      level: 'INFO',
      message: 'message processed',
      callbackId: event.CallbackId,
      messageId: event.ChannelMessage.MessageId,
      channelArn: event.ChannelMessage.ChannelArn,
      action: 'deliver',
      attributesChanged: true,
      push: 'sent',
      attempts: 1,
    });
    for (const secret of ['Hello team', 'priority', 'high', 'Alice', 'release']) expect(logs[0]).not.toContain(secret);
    // Lambda's level filter reads a line's level only beside a valid RFC 3339 timestamp.
    for (const line of [JSON.parse(logs[0]), metrics[0]]) expect(new Date(line.timestamp).toISOString()).toBe(line.timestamp);
    expect(metrics).toHaveLength(1);
    expect(metrics[0]).toMatchObject({
      level: 'INFO',
      _aws: { CloudWatchMetrics: [{ Namespace: 'CdkChimeChannelFlow', Dimensions: [['ChannelFlowName']] }] },
      ChannelFlowName: 'chat-flow',
      MessagesProcessed: 1,
      MessagesDenied: 0,
      MessagesModified: 1,
      CallbackRetries: 0,
      AlreadyResolvedCallbacks: 0,
      PolicyErrors: 0,
    });
    expect(metrics[0].DecisionLatency).toBeGreaterThan(0);
    expect(metrics[0]._aws.CloudWatchMetrics[0].Metrics).toContainEqual({ Name: 'DecisionLatency', Unit: 'Microseconds' });
  });

  test('an invalid event fails the invocation without any request, counted, and the log names the field, not the text', async () => {
    const event = sampleEvent('message-basic');
    delete event.CallbackId;
    await expect(processor()(event)).rejects.toThrow(/invalid channel flow event: CallbackId/);
    expect(chime.requests).toHaveLength(0);
    expect(JSON.parse(logs[0])).toMatchObject({ level: 'ERROR', message: 'invalid event', messageId: event.ChannelMessage.MessageId });
    expect(logs.join('\n')).not.toContain('Hello team');
    expect(metrics[0]).toMatchObject({ InvalidEvents: 1 });
  });

  // Events whose echoed fields break the API model: the callback would be refused (400), so none is sent.
  test.each([
    ['a ChannelArn ending in a newline', (e: any) => { e.ChannelMessage.ChannelArn += '\n'; }],
    ['a channel id of 1,500 characters', (e: any) => { e.ChannelMessage.ChannelArn = e.ChannelMessage.ChannelArn.replace(/[^/]+$/, 'c'.repeat(1500)); }],
    ['a CallbackId of 16 emoji', (e: any) => { e.CallbackId = '😀'.repeat(16); }],
  ])('an event with %s sends nothing and fails as InvalidEventError', async (_, spoil) => {
    const event = sampleEvent('message-basic');
    spoil(event);
    await expect(processor()(event)).rejects.toMatchObject({ name: 'InvalidEventError' });
    expect(chime.requests).toHaveLength(0);
    expect(metrics[0]).toMatchObject({ InvalidEvents: 1 });
  });

  describe('only callbacks the API accepts, whatever arrived (the stub refuses any other with a 400)', () => {
    test('redaction that lengthens 4,096 emoji sends content within 4,096 in every unit', async () => {
      const policy: PolicyDocument = { ...POLICY, pushNotification: [], moderation: { deny: [], redact: [{ kind: 'pattern', ...patternOf('😀'), replacement: '**' }] } };
      const event = sampleEvent('message-basic');
      event.ChannelMessage.Content = '😀'.repeat(4096);
      await processor({ policy })(event);
      expect(chime.requests).toHaveLength(1);
      expect(JSON.parse(chime.requests[0].body).ChannelMessage.Content).toBe('*'.repeat(4096));
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'WARN', fitted: ['Content'], redactions: 4096 });
    });

    test('attributes that arrived beyond the limits are fitted, and the log says so without a value', async () => {
      const event = sampleEvent('message-basic');
      event.ChannelMessage.MessageAttributes = {
        ['n'.repeat(65)]: { StringValues: ['secret-name-value'] },
        big: { StringValues: ['s'.repeat(10_240)] },
        ...Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`a${i}`, { StringValues: [`secret-${i}`] }])),
      };
      await processor()(event);
      expect(chime.requests).toHaveLength(1);
      const sent = JSON.parse(chime.requests[0].body).ChannelMessage.MessageAttributes;
      expect(sent.source).toEqual({ StringValues: ['web'] });
      expect(sent).not.toHaveProperty('big');
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'WARN', message: expect.stringMatching(/left out or cut/), fitted: ['MessageAttributes'] });
      expect(logs[0]).not.toMatch(/secret/);
    });

    test('timestamps given as epoch numbers are read, not refused', async () => {
      const event = sampleEvent('message-basic');
      event.ChannelMessage.CreatedTimestamp = 1763971200000;
      event.ChannelMessage.LastEditedTimestamp = 1763971260000;
      await processor()(event);
      expect(chime.requests).toHaveLength(1);
    });

    test('metadata the callback cannot echo makes the event invalid: one log line, no request', async () => {
      const event = sampleEvent('message-basic');
      event.ChannelMessage.Metadata = JSON.stringify({ note: 'm'.repeat(1100) });
      await expect(processor()(event)).rejects.toMatchObject({ name: 'InvalidEventError' });
      expect(chime.requests).toHaveLength(0);
      expect(logs).toHaveLength(1);
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'ERROR', message: 'invalid event', reason: expect.stringMatching(/Metadata/) });
      expect(logs[0]).not.toContain('mmmm');
    });
  });

  describe('faults of the callback', () => {
    const quick: RetryPolicy = { ...CALLBACK_RETRY_POLICY, attemptTimeoutMs: 300 };

    test.each([
      ['429 throttling', fault(429, 'ThrottledClientException')],
      ['500 service failure', fault(500, 'ServiceFailureException')],
      ['503 service unavailable', fault(503, 'ServiceUnavailableException')],
      ['an answer slower than the attempt timeout', { status: 200, body: {}, delayMs: 1500 } as Answer],
      ['a 500 whose body is not JSON', { status: 500, rawBody: '<html>oops</html>' } as Answer],
    ])('%s is retried, and the next attempt delivers the callback', async (_, answer) => {
      chime.respondWith(script(answer));
      const event = sampleEvent('message-basic');
      await expect(processor({ retryPolicy: quick })(event)).resolves.toBeUndefined();
      expect(chime.requests).toHaveLength(2);
      expect(chime.requests.map((r) => JSON.parse(r.body).CallbackId)).toEqual([event.CallbackId, event.CallbackId]);
      expect(metrics[0]).toMatchObject({ MessagesProcessed: 1, CallbackRetries: 1 });
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'WARN', message: 'message processed after retries', attempts: 2 });
    });

    test('an attempt without an answer is really aborted: the server sees the connection closed', async () => {
      chime.respondWith(script({ never: true }));
      await processor({ retryPolicy: quick })(sampleEvent('message-basic'));
      expect(chime.requests).toHaveLength(2);
      expect(chime.abandoned).toBe(1);
    });

    test('a fault that persists is retried 5 attempts in all, then fails the invocation with the error\'s name and status only', async () => {
      chime.respondWith(() => fault(503, 'ServiceUnavailableException'));
      const error = await processor()(sampleEvent('message-basic')).catch((e) => e);
      expect(error).toMatchObject({ name: 'ServiceUnavailableException', $metadata: { httpStatusCode: 503 } });
      expect(error.message).toBe('ChannelFlowCallback not delivered after 5 attempt(s): ServiceUnavailableException, HTTP 503');
      expect(chime.requests).toHaveLength(5);
      expect(metrics[0]).toMatchObject({ CallbackFailures: 1, CallbackRetries: 4 });
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'ERROR', message: 'callback failed', attempts: 5, errorName: 'ServiceUnavailableException', httpStatus: 503 });
    });

    test('with 2.5 s left, no attempt starts (it could not end before the deadline)', async () => {
      chime.respondWith(() => ({ never: true }));
      const started = Date.now();
      await expect(processor()(sampleEvent('message-basic'), deadlineIn(2500))).rejects.toMatchObject({ name: 'NoTimeLeftError' });
      expect(Date.now() - started).toBeLessThan(500);
      expect(chime.requests).toHaveLength(0);
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'ERROR', message: 'callback failed', attempts: 0, errorName: 'NoTimeLeftError' });
      expect(metrics[0]).toMatchObject({ CallbackFailures: 1 });
    });

    test('with a service that never answers, the invocation ends before its deadline', async () => {
      chime.respondWith(() => ({ never: true }));
      const started = Date.now();
      // 9 s leave room for one attempt (3 s) and the reserve (5 s), not for a second.
      await expect(processor()(sampleEvent('message-basic'), deadlineIn(9000))).rejects.toMatchObject({ name: 'AttemptTimeoutError' });
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(2900);
      expect(took).toBeLessThan(9000 - CALLBACK_RETRY_POLICY.reserveMs + 1000);
      expect(chime.requests).toHaveLength(1);
      await closed(chime);
      expect(chime.abandoned).toBe(1);
    });

    test.each([
      [403, 'ForbiddenException', 'User is not authorized'],
      [400, 'BadRequestException', 'Invalid input'],
      [401, 'UnauthorizedClientException', 'Unauthorized'],
    ])('%d %s is not retried: the invocation fails at once', async (status, type, message) => {
      chime.respondWith(() => fault(status, type, message));
      await expect(processor()(sampleEvent('message-basic'))).rejects.toMatchObject({ name: type, $metadata: { httpStatusCode: status } });
      expect(chime.requests).toHaveLength(1);
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'ERROR', message: 'callback failed', errorName: type, httpStatus: status, attempts: 1 });
      expect(metrics[0]).toMatchObject({ CallbackFailures: 1, CallbackRetries: 0 });
    });

    test('a 400 whose message quotes the content leaves the handler with its name and status only', async () => {
      chime.respondWith(() => fault(400, 'BadRequestException', 'Invalid content: Hello team, the release is ready.'));
      const error = await processor()(sampleEvent('message-basic')).catch((e) => e);
      expect(error).toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });
      expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain('Hello team');
      expect(logs.join('\n')).not.toContain('Hello team');
    });

    test.each([
      ['a body whose __type is a number, and no error header', { status: 400, rawBody: '{"__type":42}' } as Answer],
      ['a Message that is an object', { status: 400, body: { Code: 'BadRequestException', Message: { nested: 'x' } } } as Answer],
      ['a body that is not JSON', { status: 400, rawBody: 'not json at all' } as Answer],
      ['an empty body', { status: 404 } as Answer],
    ])('an error answer with %s ends the invocation cleanly: a log line and a metric', async (_, answer) => {
      chime.respondWith(() => answer);
      const error = await processor()(sampleEvent('message-basic')).catch((e) => e);
      expect(error).toBeInstanceOf(Error);
      expect(chime.requests).toHaveLength(1);
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'ERROR', message: 'callback failed', httpStatus: (answer as any).status });
      expect(metrics[0]).toMatchObject({ CallbackFailures: 1 });
    });

    test('an answer of 200 MB is not read into memory: the body is cut off, and the 200 counts as delivered', async () => {
      chime.respondWith(() => ({ status: 200, streamBytes: 200 * 1024 * 1024 }));
      await expect(processor()(sampleEvent('message-basic'))).resolves.toBeUndefined();
      expect(chime.requests).toHaveLength(1);
      // What the socket buffers took before the client stopped reading, far from 200 MB.
      expect(chime.streamedBytes).toBeLessThan(16 * 1024 * 1024);
      expect(metrics[0]).toMatchObject({ MessagesProcessed: 1 });
      expect(metrics[0].CallbackFailures).toBeUndefined();
    });

    test.each([
      ['that declares its length', { 'content-length': String(200 * 1024 * 1024) }],
      ['sent in chunks', {}],
    ])('an endless error answer %s is cut off too, and classified by its status', async (_, headers) => {
      chime.respondWith(script({ status: 503, streamBytes: 200 * 1024 * 1024, headers }));
      await expect(processor()(sampleEvent('message-basic'))).resolves.toBeUndefined();
      expect(chime.requests).toHaveLength(2);
      expect(chime.streamedBytes).toBeLessThan(16 * 1024 * 1024);
      expect(metrics[0]).toMatchObject({ MessagesProcessed: 1, CallbackRetries: 1 });
    });

    test.each([
      ['400 for a non-pending message', [fault(400, 'BadRequestException', 'Unable to complete processing of non-pending message')], 1],
      ['400 non-pending after a 500', [fault(500, 'ServiceFailureException'), fault(400, 'BadRequestException', 'Unable to complete processing of non-pending message')], 2],
    ])('%s counts as done: the message was already resolved', async (_, answers, attempts) => {
      chime.respondWith(() => answers[chime.requests.length - 1] ?? fault(500, 'ServiceFailureException'));
      const event = sampleEvent('message-basic');
      await expect(processor()(event)).resolves.toBeUndefined();
      expect(chime.requests).toHaveLength(attempts);
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'INFO', message: 'message already resolved', callbackId: event.CallbackId, attempts });
      expect(metrics[0]).toMatchObject({ AlreadyResolvedCallbacks: 1, MessagesProcessed: 1 });
    });

    // Attempt 1 is still held by the service when its time is up; attempt 2 finds it in flight (409).
    test.each([
      ['the held attempt was applied: the next answer says the message is no longer pending', 'alreadyResolved',
        [{ never: true }, fault(409, 'ConflictException'), fault(400, 'BadRequestException', 'Unable to complete processing of non-pending message')]],
      ['the held attempt failed on the service\'s side: the next callback is accepted', 'sent', [{ never: true }, fault(409, 'ConflictException'), { status: 200 }]],
    ] as Array<[string, string, Answer[]]>)('a 409 after an attempt timed out is asked again: %s', async (_, result, answers) => {
      chime.respondWith((request, attempt) => (attempt === 3 && 'status' in answers[2] && answers[2].status === 200 ? ok(request, attempt) : answers[attempt - 1]));
      await expect(processor({ retryPolicy: { ...CALLBACK_RETRY_POLICY, attemptTimeoutMs: 200 } })(sampleEvent('message-basic'), deadlineIn(30_000)))
        .resolves.toBeUndefined();
      expect(chime.requests).toHaveLength(3);
      expect(metrics[0]).toMatchObject({ MessagesProcessed: 1, AlreadyResolvedCallbacks: result === 'alreadyResolved' ? 1 : 0, CallbackRetries: 2 });
    });

    test('a 409 that never gives way is no delivery: the invocation fails, for the failure destination', async () => {
      chime.respondWith((_, attempt) => (attempt === 1 ? { never: true } : fault(409, 'ConflictException')));
      await expect(processor({ retryPolicy: { ...CALLBACK_RETRY_POLICY, attemptTimeoutMs: 200 } })(sampleEvent('message-basic'), deadlineIn(30_000)))
        .rejects.toMatchObject({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } });
      expect(chime.requests).toHaveLength(CALLBACK_RETRY_POLICY.maxAttempts);
      expect(logs.map((l) => JSON.parse(l).message)).toEqual(['callback failed']);
      expect(metrics[0]).toMatchObject({ CallbackFailures: 1 });
    });

    // What an error answer says may echo the request: only a modeled name and the status reach a log or the thrown error.
    test.each([
      ['with the error-type header, a body code', { 'x-amzn-errortype': 'BadRequestException' }, { code: 'SECRET-CONTENT', Message: 'SECRET-CONTENT' }, 'BadRequestException'],
      ['without the header, a body Code', {}, { Code: 'SECRET-CONTENT', Message: 'SECRET-CONTENT' }, 'UnmodeledError'],
      ['without the header, a body code', {}, { code: 'SECRET-CONTENT', message: 'SECRET-CONTENT' }, 'UnmodeledError'],
      ['without the header, a body __type', {}, { __type: 'SECRET-CONTENT', message: 'SECRET-CONTENT' }, 'UnmodeledError'],
      ['an error-type header of its own', { 'x-amzn-errortype': 'SECRET-CONTENT' }, { message: 'SECRET-CONTENT' }, 'UnmodeledError'],
    ])('an error answer %s leaves nothing of itself in the logs or the thrown error', async (_, headers, body, name) => {
      chime.respondWith(() => ({ status: 400, headers, body }));
      const error = await processor({ level: 'DEBUG' })(sampleEvent('message-basic')).catch((e) => e);
      expect(error).toMatchObject({ name, $metadata: { httpStatusCode: 400 } });
      for (const text of [...logs, error.message, error.name, String(error.stack), JSON.stringify(error)]) expect(text).not.toContain('SECRET');
      expect(JSON.parse(logs[logs.length - 1])).toMatchObject({ level: 'ERROR', message: 'callback failed', errorName: name, httpStatus: 400 });
    });

    test('a 403 after a 500 is a refusal, not "already resolved": the invocation fails for the failure destination', async () => {
      chime.respondWith(script(fault(500, 'ServiceFailureException'), fault(403, 'ForbiddenException')));
      await expect(processor()(sampleEvent('message-basic'))).rejects.toMatchObject({ name: 'ForbiddenException' });
      expect(chime.requests).toHaveLength(2);
      expect(metrics[0]).toMatchObject({ CallbackFailures: 1, CallbackRetries: 1 });
    });

    test('a second delivery of the same event is harmless', async () => {
      const event = sampleEvent('message-basic');
      chime.respondWith((request, attempt) => (attempt === 1 ? ok(request, attempt) : fault(400, 'BadRequestException', 'Unable to complete processing of non-pending message')));
      const handler = processor();
      await handler(event);
      await handler(structuredClone(event));
      expect(chime.requests).toHaveLength(2);
      expect(logs.map((l) => JSON.parse(l).message)).toEqual(['message processed', 'message already resolved']);
    });
  });

  describe('log levels', () => {
    test('DEBUG adds a line for each callback attempt, with its error name, status and the wait before the next', async () => {
      chime.respondWith(script(fault(503, 'ServiceUnavailableException')));
      await processor({ level: 'DEBUG' })(sampleEvent('message-basic'));
      const lines = logs.map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.level, l.message])).toEqual([
        ['DEBUG', 'callback attempt'], ['DEBUG', 'callback attempt'], ['WARN', 'message processed after retries'],
      ]);
      expect(lines[0]).toMatchObject({ attempt: 1, errorName: 'ServiceUnavailableException', httpStatus: 503, retryInMs: 50 });
      expect(lines[1]).toMatchObject({ attempt: 2 });
      expect(lines[1].errorName).toBeUndefined();
    });

    test('WARN keeps only what needs a look; the metrics line carries the level, so Lambda\'s filter keeps it', async () => {
      await processor({ level: 'WARN' })(sampleEvent('message-basic'));
      expect(logs).toEqual([]);
      expect(metrics[0]).toMatchObject({ level: 'WARN', MessagesProcessed: 1 });
      chime.respondWith(script(fault(500, 'ServiceFailureException')));
      await processor({ level: 'WARN' })(sampleEvent('message-basic'));
      expect(logs.map((l) => JSON.parse(l).level)).toEqual(['WARN']);
    });

    test('ERROR keeps only failed invocations', async () => {
      chime.respondWith(script(fault(500, 'ServiceFailureException')));
      await processor({ level: 'ERROR' })(sampleEvent('message-basic'));
      expect(logs).toEqual([]);
      chime.respondWith(() => fault(403, 'ForbiddenException'));
      await processor({ level: 'ERROR' })(sampleEvent('message-basic')).catch(() => undefined);
      expect(logs.map((l) => JSON.parse(l).level)).toEqual(['ERROR']);
      expect(metrics.map((m) => m.level)).toEqual(['ERROR', 'ERROR']);
    });
  });
});

describe('the bundled processor in assets/', () => {
  const chime = new FakeChime(refusals);
  beforeAll(() => chime.start());
  afterAll(() => chime.stop());
  beforeEach(() => chime.respondWith(ok));

  /**
   * Runs the shipped bundle in a fresh Node.js process as Lambda would, with its policy and
   * `env`. `viaRealHosts`: the endpoint is left to the SDK, and a preloaded hook sends its
   * HTTPS connections to the stub instead (the Host header still names the real endpoint).
   */
  async function runBundle(policy: unknown, event: any, options: { env?: Record<string, string>; viaRealHosts?: boolean } = {}) {
    arrived = event;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'processor-'));
    fs.copyFileSync(path.join(ROOT, 'assets', 'processor', 'index.js'), path.join(dir, 'index.js'));
    fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(policy));
    fs.writeFileSync(path.join(dir, 'to-stub.js'), `const http = require('http');
      require('https').request = (options, callback) =>
        http.request({ ...options, host: '127.0.0.1', hostname: '127.0.0.1', port: ${chime.port}, agent: undefined }, callback);`);
    const program = `require(${JSON.stringify(path.join(dir, 'index.js'))}).handler(${JSON.stringify(event)})
      .then(() => console.log('RESULT ok'), (e) => { console.log('RESULT error ' + e.name); process.exitCode = 1; });`;
    const env = {
      ...LAMBDA_TEST_ENV,
      ...(options.viaRealHosts ? {} : { AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: chime.endpoint }),
      ...options.env,
    };
    const args = [...(options.viaRealHosts ? ['--require', path.join(dir, 'to-stub.js')] : []), '-e', program];
    try {
      return await promisify(execFile)(process.execPath, args, { env, cwd: dir });
    } catch (error: any) {
      return { stdout: error.stdout as string, stderr: error.stderr as string };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  test('loads in a fresh Node.js process and answers a sample event with its policy, credentials from the environment', async () => {
    const event = sampleEvent('message-basic');
    const { stdout } = await runBundle(POLICY, event);
    expect(stdout).toContain('RESULT ok');
    expect(chime.requests).toHaveLength(1);
    expect(chime.requests[0].headers['x-amz-security-token']).toBe(CREDENTIALS.sessionToken);
    expect(await signatureVerifies(chime.requests[0])).toBe(true);
    const body = JSON.parse(chime.requests[0].body);
    expect(body.CallbackId).toBe(event.CallbackId);
    expect(body.ChannelMessage.PushNotification).toEqual({ Title: 'Alice', Body: 'Hello team, the release is ready.', Type: 'DEFAULT' });
  });

  // In a process of its own, as in Lambda: under jest, Node's socket errors come from another
  // realm than the test's, and the SDK, which checks `instanceof Error`, would wrap them.
  test.each([
    ['a dropped connection, then an answer', [{ drop: true }], 'RESULT ok', 2],
    ['a dropped connection, then a 409 (an earlier attempt in flight), then an answer', [{ drop: true }, fault(409, 'ConflictException')], 'RESULT ok', 3],
    ['a refused connection, retried on every attempt', 'refused', '"attempts":5,"errorName":"Error","errorCode":"ECONNREFUSED"', 0],
  ] as Array<[string, Answer[] | 'refused', string, number]>)('%s', async (_, answers, result, requests) => {
    if (answers !== 'refused') chime.respondWith(script(...answers));
    const env: Record<string, string> = answers === 'refused' ? { AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: 'http://127.0.0.1:9' } : {};
    const { stdout } = await runBundle(POLICY, sampleEvent('message-basic'), { env });
    expect(stdout).toContain(result);
    expect(chime.requests).toHaveLength(requests);
  });

  test.each([
    ['the China partition', { AWS_REGION: 'cn-north-1' }, 'messaging-chime.cn-north-1.amazonaws.com.cn', 'cn-north-1'],
    ['a FIPS endpoint', { AWS_USE_FIPS_ENDPOINT: 'true' }, 'messaging-chime-fips.us-east-1.amazonaws.com', 'us-east-1'],
    ['a dual-stack endpoint', { AWS_USE_DUALSTACK_ENDPOINT: 'true' }, 'messaging-chime.us-east-1.api.aws', 'us-east-1'],
    ['the GovCloud partition', { AWS_REGION: 'us-gov-west-1' }, 'messaging-chime.us-gov-west-1.amazonaws.com', 'us-gov-west-1'],
    ['a configured endpoint URL that is ignored', { AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: 'http://127.0.0.1:9', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' },
      'messaging-chime.us-east-1.amazonaws.com', 'us-east-1'],
  ])('resolves the endpoint as the SDK does: %s', async (_, env, host, region) => {
    const { stdout } = await runBundle(POLICY, sampleEvent('message-basic'), { env, viaRealHosts: true });
    expect(stdout).toContain('RESULT ok');
    expect(chime.requests).toHaveLength(1);
    expect(chime.requests[0].headers.host).toBe(host);
    expect(chime.requests[0].headers.authorization).toContain(`/${region}/chime/aws4_request`);
    expect(await signatureVerifies(chime.requests[0], region)).toBe(true);
  });

  test('logs at the function\'s own log level (AWS_LAMBDA_LOG_LEVEL), and its metrics line carries that level', async () => {
    const { stdout } = await runBundle(POLICY, sampleEvent('message-basic'), { env: { AWS_LAMBDA_LOG_LEVEL: 'ERROR' } });
    const lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'ERROR', MessagesProcessed: 1 });
  });

  test('applies moderation end to end: denies on the wire with DeleteResource, redacts content and push texts', async () => {
    const moderated: PolicyDocument = {
      ...POLICY,
      onError: 'deny',
      moderation: {
        deny: [{ type: 'contentContainsAny', words: ['forbidden'] }],
        redact: [{ kind: 'email', replacement: '[email]' }],
      },
    };
    const denied = sampleEvent('message-basic');
    denied.ChannelMessage.Content = 'this is Forbidden';
    expect((await runBundle(moderated, denied)).stdout).toContain('RESULT ok');
    expect(JSON.parse(chime.requests[0].body)).toEqual({
      CallbackId: denied.CallbackId,
      DeleteResource: true,
      ChannelMessage: { MessageId: denied.ChannelMessage.MessageId },
    });

    const redacted = sampleEvent('message-basic');
    redacted.ChannelMessage.Content = 'mail ann@example.com';
    const { stdout } = await runBundle(moderated, redacted);
    expect(stdout).toContain('RESULT ok');
    const body = JSON.parse(chime.requests[1].body);
    expect(body.ChannelMessage.Content).toBe('mail [email]');
    expect(body.ChannelMessage.PushNotification.Body).toBe('mail [email]');
    // The log line names the decision, never the text before or after redaction.
    expect(stdout).toMatch(/"action":"deliver"/);
    expect(stdout).toMatch(/"redactions":1/);
    expect(stdout).not.toContain('ann@example.com');
    expect(stdout).not.toContain('[email]');
  });

  test('refuses to start with an invalid policy document, so no message is answered under the wrong policy', async () => {
    const { stdout, stderr } = await runBundle({ version: 99 }, sampleEvent('message-basic'));
    expect(stdout).not.toContain('RESULT ok');
    expect(stderr).toMatch(/invalid policy document: policy: the policy document version must be 3/);
    expect(chime.requests).toHaveLength(0);
  });
});
