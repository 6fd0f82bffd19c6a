import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { createCallbackSender } from '../../lambda/processor/client';
import { createLogger } from '../../lambda/processor/log';
import { createProcessor } from '../../lambda/processor/processor';
import { compilePolicy } from '../../src/core/decide';
import { PolicyDocument } from '../../src/core/document';
import { sampleEvent } from '../helpers';
import { Answer, FakeChime, fault, ok, script } from './fake-chime';

const POLICY: PolicyDocument = {
  version: 1,
  moderation: { deny: [], redact: [] },
  onError: 'deliver',
  attributes: [
    { op: 'set', name: 'source', values: ['web'] },
    { op: 'fromMetadata', name: 'priority', key: 'priority' },
    { op: 'fromSender', name: 'senderName', field: 'name' },
  ],
  push: [{ action: 'send', title: '{{sender.name}}', body: '{{content}}', type: 'DEFAULT' }],
};

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

describe('the processor on the wire (its callback client, a local HTTP server)', () => {
  const chime = new FakeChime();
  let logs: string[];
  let metrics: any[];
  let handler: (event: unknown, context?: { getRemainingTimeInMillis(): number }) => Promise<void>;

  beforeAll(() => chime.start());
  afterAll(() => chime.stop());
  beforeEach(() => {
    chime.respondWith(ok);
    logs = [];
    metrics = [];
    // The processor's own client, with a shorter request timeout for the slow-answer test.
    handler = createProcessor({
      policy: compilePolicy(POLICY),
      send: createCallbackSender({ region: 'us-east-1', endpoint: chime.endpoint, credentials: CREDENTIALS, requestTimeout: 300 }),
      flowName: 'chat-flow',
      logger: createLogger((line) => logs.push(line)),
      metricsSink: (line) => metrics.push(JSON.parse(line)),
      sleep: async () => {},
      random: () => 0.5,
    });
  });

  test('sends one signed ChannelFlowCallback with the event\'s CallbackId and the policy applied', async () => {
    const event = sampleEvent('message-basic');
    await handler(event);

    expect(chime.requests).toHaveLength(1);
    const [request] = chime.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`/channels/${encodeURIComponent(event.ChannelMessage.ChannelArn)}?operation=channel-flow-callback`);
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/chime\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
    expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
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

  test('keeps the sub-channel and arriving attributes of a non-persistent message', async () => {
    const event = sampleEvent('message-update-nonpersistent');
    await handler(event);
    const body = JSON.parse(chime.requests[0].body);
    expect(body.CallbackId).toBe(event.CallbackId);
    expect(body.ChannelMessage.SubChannelId).toBe('sub-7');
    expect(body.ChannelMessage.MessageAttributes.client).toEqual({ StringValues: ['ios'] });
  });

  test('logs one structured line with ids and the decision, and no message text; metrics in embedded metric format', async () => {
    const event = sampleEvent('message-basic');
    await handler(event);
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
    expect(metrics).toHaveLength(1);
    expect(metrics[0]).toMatchObject({
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
    await expect(handler(event)).rejects.toThrow(/invalid channel flow event: CallbackId/);
    expect(chime.requests).toHaveLength(0);
    expect(JSON.parse(logs[0])).toMatchObject({ level: 'ERROR', message: 'invalid event', messageId: event.ChannelMessage.MessageId });
    expect(logs.join('\n')).not.toContain('Hello team');
    expect(metrics[0]).toMatchObject({ InvalidEvents: 1 });
  });

  describe('faults of the callback', () => {
    test.each([
      ['429 throttling', fault(429, 'ThrottledClientException')],
      ['500 service failure', fault(500, 'ServiceFailureException')],
      ['503 service unavailable', fault(503, 'ServiceUnavailableException')],
      ['a dropped connection', { drop: true } as Answer],
      ['an answer slower than the request timeout', { ...fault(200, 'None'), body: {}, delayMs: 1500 } as Answer],
    ])('%s is retried, and the next attempt delivers the callback', async (_, answer) => {
      chime.respondWith(script(answer));
      const event = sampleEvent('message-basic');
      await expect(handler(event)).resolves.toBeUndefined();
      expect(chime.requests).toHaveLength(2);
      expect(chime.requests.map((r) => JSON.parse(r.body).CallbackId)).toEqual([event.CallbackId, event.CallbackId]);
      expect(metrics[0]).toMatchObject({ MessagesProcessed: 1, CallbackRetries: 1 });
      expect(JSON.parse(logs[0])).toMatchObject({ message: 'message processed', attempts: 2 });
    });

    test('a fault that persists is retried 5 attempts in all, then fails the invocation for Lambda\'s retries and the failure destination', async () => {
      chime.respondWith(() => fault(503, 'ServiceUnavailableException'));
      await expect(handler(sampleEvent('message-basic'))).rejects.toMatchObject({ name: 'ServiceUnavailableException' });
      expect(chime.requests).toHaveLength(5);
      expect(metrics[0]).toMatchObject({ CallbackFailures: 1, CallbackRetries: 4 });
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'ERROR', message: 'callback failed', attempts: 5, errorName: 'ServiceUnavailableException', httpStatus: 503 });
    });

    test('retries stop when the invocation\'s deadline is near, so the function never times out mid-answer', async () => {
      chime.respondWith(() => fault(500, 'ServiceFailureException'));
      await expect(handler(sampleEvent('message-basic'), { getRemainingTimeInMillis: () => 4000 })).rejects.toMatchObject({ name: 'ServiceFailureException' });
      expect(chime.requests).toHaveLength(1);
    });

    test.each([
      [403, 'ForbiddenException', 'User is not authorized'],
      [400, 'BadRequestException', 'Invalid input'],
      [401, 'UnauthorizedClientException', 'Unauthorized'],
    ])('%d %s is not retried: the invocation fails at once', async (status, type, message) => {
      chime.respondWith(() => fault(status, type, message));
      await expect(handler(sampleEvent('message-basic'))).rejects.toMatchObject({ name: type });
      expect(chime.requests).toHaveLength(1);
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'ERROR', message: 'callback failed', errorName: type, httpStatus: status, attempts: 1 });
      expect(metrics[0]).toMatchObject({ CallbackFailures: 1, CallbackRetries: 0 });
    });

    test.each([
      ['409 ConflictException', [fault(409, 'ConflictException')], 1],
      ['400 for a non-pending message', [fault(400, 'BadRequestException', 'Unable to complete processing of non-pending message')], 1],
      ['403 after a 500 that may have been applied', [fault(500, 'ServiceFailureException'), fault(403, 'ForbiddenException')], 2],
      ['409 after a dropped connection', [{ drop: true } as Answer, fault(409, 'ConflictException')], 2],
    ])('%s counts as done: the message was already resolved', async (_, answers, attempts) => {
      chime.respondWith(() => answers[chime.requests.length - 1] ?? fault(500, 'ServiceFailureException'));
      const event = sampleEvent('message-basic');
      await expect(handler(event)).resolves.toBeUndefined();
      expect(chime.requests).toHaveLength(attempts);
      expect(JSON.parse(logs[0])).toMatchObject({ level: 'INFO', message: 'message already resolved', callbackId: event.CallbackId, attempts });
      expect(metrics[0]).toMatchObject({ AlreadyResolvedCallbacks: 1, MessagesProcessed: 1 });
    });

    test('a second delivery of the same event is harmless', async () => {
      const event = sampleEvent('message-basic');
      chime.respondWith((request, attempt) => (attempt === 1 ? ok(request, attempt) : fault(400, 'BadRequestException', 'Unable to complete processing of non-pending message')));
      await handler(event);
      await handler(structuredClone(event));
      expect(chime.requests).toHaveLength(2);
      expect(logs.map((l) => JSON.parse(l).message)).toEqual(['message processed', 'message already resolved']);
    });
  });
});

describe('the bundled processor in assets/', () => {
  const chime = new FakeChime();
  beforeAll(() => chime.start());
  afterAll(() => chime.stop());
  beforeEach(() => chime.respondWith(ok));

  async function runBundle(policy: unknown, event: unknown) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'processor-'));
    fs.copyFileSync(path.join(__dirname, '..', '..', 'assets', 'processor', 'index.js'), path.join(dir, 'index.js'));
    fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(policy));
    const program = `require(${JSON.stringify(path.join(dir, 'index.js'))}).handler(${JSON.stringify(event)})
      .then(() => console.log('RESULT ok'), (e) => { console.log('RESULT error ' + e.name); process.exitCode = 1; });`;
    const env = {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: 'session-token',
      AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: chime.endpoint,
    };
    try {
      return await promisify(execFile)(process.execPath, ['-e', program], { env, cwd: dir });
    } catch (error: any) {
      return { stdout: error.stdout as string, stderr: error.stderr as string };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  test('loads in a fresh Node.js process and answers a sample event with its policy', async () => {
    const event = sampleEvent('message-basic');
    const { stdout } = await runBundle(POLICY, event);
    expect(stdout).toContain('RESULT ok');
    expect(chime.requests).toHaveLength(1);
    expect(chime.requests[0].headers['x-amz-security-token']).toBe('session-token');
    const body = JSON.parse(chime.requests[0].body);
    expect(body.CallbackId).toBe(event.CallbackId);
    expect(body.ChannelMessage.PushNotification).toEqual({ Title: 'Alice', Body: 'Hello team, the release is ready.', Type: 'DEFAULT' });
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
    expect(stderr).toMatch(/invalid policy document: policy: the policy document version must be 1/);
    expect(chime.requests).toHaveLength(0);
  });
});
