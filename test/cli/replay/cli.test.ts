import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { eventAt, FUNCTION_ARN, record } from '../../support/failure-records';
import { ROOT } from '../../support/fixtures';

/** The CLI as it ships in the package, run as a user runs it. */
const CLI = path.join(ROOT, 'assets', 'replay', 'cli.js');
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };

interface Run { code: number; stdout: string; stderr: string }

async function runCli(args: string[], env: Record<string, string> = {}, preload: string[] = []): Promise<Run> {
  try {
    const node = [...preload.flatMap((file) => ['--require', file]), CLI, ...args];
    const { stdout, stderr } = await promisify(execFile)(process.execPath, node, { env: { PATH: process.env.PATH!, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

interface Seen { target?: string; url: string; body: string; host?: string; authorization?: string }

/** A local stand-in for SQS and Lambda: one failure record to receive, then none. */
async function withFakeAws(event: unknown, use: (endpoint: string, seen: Seen[]) => Promise<void>): Promise<void> {
  const seen: Seen[] = [];
  let served = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = req.headers['x-amz-target'] as string | undefined;
      seen.push({ target, url: req.url!, body, host: req.headers.host, authorization: req.headers.authorization });
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
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen);
  } finally {
    server.close();
  }
}

describe('the bundled replay CLI', () => {
  test('replays through real SQS and Lambda clients against a local server', async () => {
    const event = eventAt(new Date().toISOString());
    await withFakeAws(event, async (endpoint, seen) => {
      const { code, stdout } = await runCli(['--queue-url', `${endpoint}/111122223333/failures`], { ...CREDENTIALS, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: endpoint });
      expect(code).toBe(0);
      expect(stdout).toContain(`replayed: callback ${event.CallbackId}`);
      expect(stdout).toContain('replayed 1, failed 0, expired 0, skipped 0');
      const invoke = seen.find((s) => s.url.includes('/functions/'))!;
      expect(invoke.url).toBe(`/2015-03-31/functions/${encodeURIComponent(`${FUNCTION_ARN}:$LATEST`)}/invocations`);
      expect(JSON.parse(invoke.body)).toEqual(event);
      expect(JSON.parse(seen.find((s) => s.target === 'AmazonSQS.DeleteMessage')!.body)).toMatchObject({ ReceiptHandle: 'rh-1' });
    });
  });

  test('takes the region from the queue URL when AWS_REGION is not set', async () => {
    const event = eventAt(new Date().toISOString());
    await withFakeAws(event, async (endpoint, seen) => {
      // The SQS client sends to the queue URL's own host: a preloaded hook sends its HTTPS
      // connections to the local server instead (the Host header still names the real one).
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-'));
      const hook = path.join(dir, 'to-local.js');
      fs.writeFileSync(hook, `const http = require('http');
        require('https').request = (options, callback) =>
          http.request({ ...options, host: '127.0.0.1', hostname: '127.0.0.1', port: ${new URL(endpoint).port}, agent: undefined }, callback);`);
      try {
        const { code, stdout } = await runCli(['--queue-url', 'https://sqs.eu-west-2.amazonaws.com/111122223333/failures', '--dry-run'], CREDENTIALS, [hook]);
        expect(code).toBe(0);
        expect(stdout).toContain(`would replay callback ${event.CallbackId}`);
        expect(seen[0].host).toBe('sqs.eu-west-2.amazonaws.com');
        expect(seen[0].authorization).toMatch(/Credential=AKIDEXAMPLE\/\d{8}\/eu-west-2\/sqs\/aws4_request/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  test.each([['--help'], ['-h']])('%s prints every option, its default and an example on stdout, and exits 0', async (flag) => {
    const { code, stdout, stderr } = await runCli([flag]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const option of ['--queue-url URL', '--function ARN', '--max N', '--region REGION', '--dry-run', '-h, --help', '--version']) {
      expect(stdout).toContain(option);
    }
    expect(stdout).toContain('(default: 100)');
    expect(stdout).toContain('(default: the function named in each record)');
    expect(stdout).toMatch(/Example:\n {2}npx cdk-chime-channel-flow-replay --queue-url https:\/\/sqs\.us-east-1\.amazonaws\.com\/111122223333\//);
  });

  test('a local endpoint\'s queue needs a region from --region or the environment', async () => {
    const { code, stderr } = await runCli(['--queue-url', 'http://127.0.0.1:1/111122223333/q'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/the region is not in the queue URL: give --region or set AWS_REGION/);
  });

  test('--version prints the package version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  test.each([
    [[], /^--queue-url is required\nusage: cdk-chime-channel-flow-replay --queue-url URL/],
    [['--queue-url', 'sqs/failures'], /--queue-url must be an SQS queue URL \(https:\/\/sqs\.REGION\.amazonaws\.com\/ACCOUNT\/NAME\), got "sqs\/failures"/],
    [['--queue-url', 'https://sqs.us-east-1.amazonaws.com/failures'], /--queue-url must be an SQS queue URL, .* with a 12-digit account, got/],
    [['--queue-url', 'https://sqs.us-east-1.amazonaws.com/111122223333/q', '--function', 'processor'],
      /--function must be a Lambda function ARN \(arn:aws:lambda:REGION:ACCOUNT:function:NAME\), got "processor"/],
    [['--queue-url', 'https://sqs.us-east-1.amazonaws.com/111122223333/q', '--max', 'abc'], /--max must be a positive whole number, got "abc"/],
    [['--queue-url', 'https://sqs.us-east-1.amazonaws.com/111122223333/q', '--maximum', '3'], /Unknown option '--maximum'/],
    [['--queue-url', 'http://127.0.0.1:1/111122223333/q'], /--queue-url must be an SQS queue URL, .* \(another host needs AWS_ENDPOINT_URL_SQS or AWS_ENDPOINT_URL\)/],
  ])('refuses a bad command line with what is expected, before any AWS call, and exits 2: %j', async (args, error) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(error);
    expect(stderr).toContain('(--help for every option)');
  });
});
