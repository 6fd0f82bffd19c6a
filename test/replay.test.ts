import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { promisify } from 'util';
import { sampleEvent } from './helpers';
import { classify, QueueMessage, replayFailures, ReplayPorts } from '../lambda/replay/replay';

const NOW = Date.parse('2026-11-24T10:00:00.000Z');
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:111122223333:function:processor';

function record(event: unknown): string {
  return JSON.stringify({
    version: '1.0',
    timestamp: '2026-11-24T09:00:00.000Z',
    requestContext: { requestId: 'r', functionArn: `${FUNCTION_ARN}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
    requestPayload: event,
    responseContext: { statusCode: 200, functionError: 'Unhandled' },
    responsePayload: { errorType: 'ServiceUnavailableException' },
  });
}

const eventAt = (created: string) => {
  const e = sampleEvent('message-basic');
  e.ChannelMessage.CreatedTimestamp = created;
  e.ChannelMessage.LastEditedTimestamp = created;
  return e;
};

const serviceFailure = JSON.stringify({
  'source': 'aws.chime',
  'detail-type': 'Chime ChannelFlow Processing Status',
  'detail': { eventType: 'ProcessorInvocationFailure', messageId: 'm-1', failureReason: 'Lambda throttled' },
});

function ports(messages: QueueMessage[], failing: Set<string> = new Set()) {
  const queue = [...messages];
  const calls = { invoked: [] as [string, any][], removed: [] as string[], lines: [] as string[] };
  const p: ReplayPorts = {
    receive: async (max) => queue.splice(0, max),
    invoke: async (arn, event) => {
      calls.invoked.push([arn, event]);
      return failing.has((event as any).CallbackId) ? { functionError: 'Unhandled' } : {};
    },
    remove: async (handle) => { calls.removed.push(handle); },
    now: () => NOW,
    log: (line) => calls.lines.push(line),
  };
  return { p, calls };
}

describe('replaying the failure queue', () => {
  test('invokes the processor with each pending event and removes what was answered', async () => {
    const fresh = eventAt('2026-11-24T08:00:00.000Z');
    const broken = { ...eventAt('1763971200000'), CallbackId: 'b'.repeat(32) };
    broken.ChannelMessage.CreatedTimestamp = String(NOW - 3600_000);
    broken.ChannelMessage.LastEditedTimestamp = String(NOW - 3600_000);
    const { p, calls } = ports([
      { body: record(fresh), receiptHandle: 'h1' },
      { body: record(broken), receiptHandle: 'h2' },
      { body: record(eventAt('2026-11-20T08:00:00.000Z')), receiptHandle: 'h3' },
      { body: serviceFailure, receiptHandle: 'h4' },
      { body: 'not json', receiptHandle: 'h5' },
    ], new Set([broken.CallbackId]));
    const summary = await replayFailures(p, { max: 100, dryRun: false });
    expect(summary).toEqual({ replayed: 1, failed: 1, expired: 1, skipped: 2 });
    expect(calls.invoked.map(([arn, e]) => [arn, e.CallbackId])).toEqual([[`${FUNCTION_ARN}:$LATEST`, fresh.CallbackId], [`${FUNCTION_ARN}:$LATEST`, broken.CallbackId]]);
    expect(calls.invoked[0][1]).toEqual(fresh);
    expect(calls.removed).toEqual(['h1']);
    expect(calls.lines.join('\n')).toMatch(/expired: callback .* past the 48-hour window/);
    expect(calls.lines.join('\n')).toMatch(/skip: the service could not invoke the processor for message m-1 \(Lambda throttled\)/);
    expect(calls.lines.join('\n')).not.toContain('Hello team');
  });

  test('a dry run invokes and removes nothing; --function overrides the record; --max bounds the run', async () => {
    const { p, calls } = ports(Array.from({ length: 30 }, (_, i) => ({ body: record(eventAt('2026-11-24T08:00:00.000Z')), receiptHandle: `h${i}` })));
    await replayFailures(p, { max: 100, dryRun: true });
    expect(calls.invoked).toEqual([]);
    expect(calls.lines).toHaveLength(30);
    const second = ports(Array.from({ length: 30 }, (_, i) => ({ body: record(eventAt('2026-11-24T08:00:00.000Z')), receiptHandle: `h${i}` })));
    const summary = await replayFailures(second.p, { max: 12, dryRun: false, functionArn: 'other' });
    expect(summary.replayed).toBe(12);
    expect(new Set(second.calls.invoked.map(([arn]) => arn))).toEqual(new Set(['other']));
  });

  test('reads the timestamp in any of its forms, and an edit is pending from when it was made', () => {
    const e = sampleEvent('message-basic');
    const at = (created: unknown, edited?: unknown) =>
      classify(record({ ...e, ChannelMessage: { ...e.ChannelMessage, CreatedTimestamp: created, LastEditedTimestamp: edited } }));
    expect(at('2026-11-24T08:00:00.000Z')).toMatchObject({ sentAt: Date.parse('2026-11-24T08:00:00.000Z') });
    expect(at('1763971200000')).toMatchObject({ sentAt: 1763971200000 });
    expect(at('1763971200')).toMatchObject({ sentAt: 1763971200000 });
    expect(at(1763971200)).toMatchObject({ sentAt: 1763971200000 });
    expect(at('2026-11-20T08:00:00.000Z', '2026-11-24T08:00:00.000Z')).toMatchObject({ sentAt: Date.parse('2026-11-24T08:00:00.000Z') });
    expect(at('whenever')).toMatchObject({ sentAt: undefined });
  });

  test('tells the kinds of message apart', () => {
    expect(classify(serviceFailure)).toMatchObject({ kind: 'serviceFailure', messageId: 'm-1' });
    expect(classify(record(sampleEvent('message-basic')))).toMatchObject({ kind: 'replay', callbackId: sampleEvent('message-basic').CallbackId });
    expect(classify('{"requestPayload":{"no":"callback"}}')).toEqual({ kind: 'unknown' });
  });
});

describe('the bundled replay CLI', () => {
  test('replays through real SQS and Lambda clients against a local server', async () => {
    const event = eventAt(new Date().toISOString());
    const seen: { target?: string; url: string; body: string }[] = [];
    let served = false;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const target = req.headers['x-amz-target'] as string | undefined;
        seen.push({ target, url: req.url!, body });
        res.setHeader('content-type', 'application/x-amz-json-1.0');
        if (target === 'AmazonSQS.ReceiveMessage') {
          const text = record(event);
          const messages = served ? [] : [{ MessageId: 'q1', ReceiptHandle: 'rh-1', Body: text, MD5OfBody: createHash('md5').update(text).digest('hex') }];
          served = true;
          res.end(JSON.stringify({ Messages: messages }));
        } else if (target === 'AmazonSQS.DeleteMessage') {
          res.end('{}');
        } else {
          res.setHeader('content-type', 'application/json');
          res.end('null');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const cli = path.join(__dirname, '..', 'assets', 'replay', 'cli.js');
      const { stdout } = await promisify(execFile)(process.execPath, [cli, '--queue-url', `${endpoint}/111122223333/failures`], {
        env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL: endpoint },
      });
      expect(stdout).toContain(`replayed: callback ${event.CallbackId}`);
      expect(stdout).toContain('replayed 1, failed 0, expired 0, skipped 0');
      const invoke = seen.find((s) => s.url.includes('/functions/'))!;
      expect(invoke.url).toBe(`/2015-03-31/functions/${encodeURIComponent(`${FUNCTION_ARN}:$LATEST`)}/invocations`);
      expect(JSON.parse(invoke.body)).toEqual(event);
      expect(JSON.parse(seen.find((s) => s.target === 'AmazonSQS.DeleteMessage')!.body)).toMatchObject({ ReceiptHandle: 'rh-1' });
    } finally {
      server.close();
    }
  });

  test('refuses a --max that is not a positive whole number', async () => {
    const cli = path.join(__dirname, '..', 'assets', 'replay', 'cli.js');
    const result = await promisify(execFile)(process.execPath, [cli, '--queue-url', 'http://127.0.0.1:1/q', '--max', 'abc']).catch((e) => e);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--max must be a positive whole number/);
  });

  test('prints its usage without a queue', async () => {
    const cli = path.join(__dirname, '..', 'assets', 'replay', 'cli.js');
    const result = await promisify(execFile)(process.execPath, [cli]).catch((e) => e);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/usage: cdk-chime-channel-flow-replay --queue-url URL/);
  });
});
