import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { promisify } from 'util';
import { eventAt, FUNCTION_ARN, record } from '../../support/failure-records';
import { ROOT } from '../../support/fixtures';

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
      const cli = path.join(ROOT, 'assets', 'replay', 'cli.js');
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
    const cli = path.join(ROOT, 'assets', 'replay', 'cli.js');
    const result = await promisify(execFile)(process.execPath, [cli, '--queue-url', 'http://127.0.0.1:1/q', '--max', 'abc']).catch((e) => e);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--max must be a positive whole number/);
  });

  test('prints its usage without a queue', async () => {
    const cli = path.join(ROOT, 'assets', 'replay', 'cli.js');
    const result = await promisify(execFile)(process.execPath, [cli]).catch((e) => e);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/usage: cdk-chime-channel-flow-replay --queue-url URL/);
  });
});
