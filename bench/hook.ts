/**
 * The processing hook's rows of `npm run bench`: the hook processor's bundle and cold load, and
 * the time a hook adds to a message against a local Lambda stub that answers at once (what is
 * left is the invocation's own cost: the SDK's request, signing and the answer's check).
 */
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { kib, median, percentile, stageProcessor } from './measure';
import { benchEvent } from './policy';
import { ModerationPolicy, Redaction } from '../src';

const POLICY = { moderation: ModerationPolicy.of({ redact: [Redaction.emailAddresses()] }) };


/** One server for both APIs: Invoke answers `null` (the hook keeps the proposal), the callback its ids. */
async function stub(): Promise<{ endpoint: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url!.includes('/invocations') ? 'null' : JSON.stringify({ CallbackId: JSON.parse(Buffer.concat(chunks).toString() || '{}').CallbackId }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** The rows: [measure, ours, by hand, ratio, budget]. */
export async function hookRows(work: string, coldLoad: (dir: string) => number, lambdaEnv: Record<string, string>): Promise<string[][]> {
  const plain = stageProcessor(path.join(work, 'hook-none'), 'processor', POLICY);
  const hooked = stageProcessor(path.join(work, 'hook-ours'), 'processor-hook', POLICY);
  const code = fs.readFileSync(path.join(hooked, 'index.js'));
  const rows = [['Processor bundle with a processing hook (the Lambda client), minified / gzipped', `${kib(code.length)} / ${kib(gzipSync(code).length)}`, '-', '-', '']];
  const cold = { plain: [] as number[], hooked: [] as number[] };
  for (let i = 0; i < 21; i++) {
    cold.plain.push(coldLoad(plain));
    cold.hooked.push(coldLoad(hooked));
  }
  rows.push(['Cold load with a processing hook, against the plain processor (median of 21 processes)',
    `${median(cold.hooked).toFixed(1)} ms`, `plain: ${median(cold.plain).toFixed(1)} ms`, `${(median(cold.hooked) / median(cold.plain)).toFixed(2)} x`, '']);

  const { endpoint, close } = await stub();
  Object.assign(process.env, lambdaEnv, {
    AWS_ENDPOINT_URL_LAMBDA: endpoint,
    AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: endpoint,
    CHANNEL_FLOW_NAME: 'bench',
    AWS_LAMBDA_LOG_LEVEL: 'ERROR',
    PROCESSING_HOOK_FUNCTION: 'arn:aws:lambda:us-east-1:111122223333:function:hook',
    PROCESSING_HOOK_TIMEOUT_MS: '5000',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const withHook = require(path.join(hooked, 'index.js')).handler;
  delete process.env.PROCESSING_HOOK_FUNCTION;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const without = require(path.join(plain, 'index.js')).handler;
  const times = { with: [] as number[], without: [] as number[] };
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as any;
  try {
    for (let i = 0; i < 220; i++) {
      for (const [name, handler] of [['with', withHook], ['without', without]] as const) {
        const t = process.hrtime.bigint();
        await handler(benchEvent(i), { getRemainingTimeInMillis: () => 30_000 });
        if (i >= 20) times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
  } finally {
    process.stdout.write = write;
    close();
  }
  rows.push(['Time a processing hook adds per 4 KB message, Lambda stub answering at once (median / p99)',
    `${(median(times.with) - median(times.without)).toFixed(2)} / ${(percentile(times.with, 99) - percentile(times.without, 99)).toFixed(2)} ms`, '-', '-', '']);
  return rows;
}
