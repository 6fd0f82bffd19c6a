/**
 * The Comprehend rows of `npm run bench`: the Comprehend processor's bundle and cold load
 * against a hand-written processor with the same two clients bundled as NodejsFunction does,
 * and the time the Comprehend calls add to a message against a local stub answering in 30 ms.
 */
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { bundleAsNodejsFunction } from './baseline/bundle';
import { kib, median, percentile, stageProcessor } from './measure';
import { benchEvent } from './policy';
import { ComprehendLanguage, Condition, ModerationPolicy, Redaction } from '../src';

export const COMPREHEND_STUB_MS = 30;

const root = path.join(__dirname, '..');

/** The policies measured: the same rules asked in English, and in the language detected first. */
const moderation = ModerationPolicy.of({ deny: [Condition.toxicContent()], redact: [Redaction.piiEntities()] });
const POLICIES = {
  fixed: { moderation },
  detected: { moderation, comprehend: { language: ComprehendLanguage.DETECTED } },
  none: { moderation: ModerationPolicy.of({ redact: [Redaction.emailAddresses()] }) },
};


/** The Comprehend stub: every answer after COMPREHEND_STUB_MS, nothing found; and the callback's, at once. */
async function stubs(): Promise<{ comprehend: string; chime: string; close: () => void }> {
  const serve = (delayMs: number) => http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => setTimeout(() => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      const answer = body.TextSegments ? { ResultList: body.TextSegments.map(() => ({ Toxicity: 0.01, Labels: [] })) }
        : body.LanguageCode ? { Entities: [] }
          : body.Text ? { Languages: [{ LanguageCode: 'en', Score: 0.99 }] } : { CallbackId: body.CallbackId };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(answer));
    }, delayMs));
  });
  const servers = [serve(COMPREHEND_STUB_MS), serve(0)];
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
  const [comprehend, chime] = servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`);
  return { comprehend, chime, close: () => servers.forEach((s) => s.close()) };
}

/** Milliseconds per message of each staged processor, in this process, against the stubs. */
async function perMessage(dirs: Record<string, string>, env: Record<string, string>): Promise<Record<string, number[]>> {
  Object.assign(process.env, env);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const handlers = Object.fromEntries(Object.entries(dirs).map(([name, dir]) => [name, require(path.join(dir, 'index.js')).handler]));
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(dirs).map((name) => [name, []]));
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as any;
  try {
    for (let i = 0; i < 120; i++) {
      for (const [name, handler] of Object.entries(handlers)) {
        const t = process.hrtime.bigint();
        await handler(benchEvent(i), { getRemainingTimeInMillis: () => 30_000 });
        if (i >= 20) times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
  } finally {
    process.stdout.write = write;
  }
  return times;
}

/** The rows: [measure, ours, by hand, ratio, budget]. */
export async function comprehendRows(work: string, coldLoad: (dir: string) => number, lambdaEnv: Record<string, string>): Promise<string[][]> {
  const ours = stageProcessor(path.join(work, 'comprehend-ours'), 'processor-comprehend', POLICIES.fixed);
  const baseline = path.join(work, 'comprehend-baseline');
  bundleAsNodejsFunction(path.join(root, 'bench', 'baseline', 'handler-comprehend.ts'), path.join(baseline, 'index.js'));
  const [mine, theirs] = [ours, baseline].map((dir) => fs.readFileSync(path.join(dir, 'index.js')));
  const rows = [['Comprehend processor bundle, minified / gzipped (by hand: the same two clients)',
    `${kib(mine.length)} / ${kib(gzipSync(mine).length)}`, `${kib(theirs.length)} / ${kib(gzipSync(theirs).length)}`,
    `${(mine.length / theirs.length).toFixed(2)} x`, '']];
  const cold = { ours: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < 21; i++) {
    cold.ours.push(coldLoad(ours));
    cold.baseline.push(coldLoad(baseline));
  }
  rows.push(['Comprehend processor cold load (median of 21 processes)', `${median(cold.ours).toFixed(1)} ms`, `${median(cold.baseline).toFixed(1)} ms`,
    `${(median(cold.ours) / median(cold.baseline)).toFixed(2)} x`, '<= 0.6 x']);

  const { comprehend, chime, close } = await stubs();
  const dirs = {
    none: stageProcessor(path.join(work, 'comprehend-none'), 'processor', POLICIES.none),
    fixed: ours,
    detected: stageProcessor(path.join(work, 'comprehend-detected'), 'processor-comprehend', POLICIES.detected),
  };
  const times = await perMessage(dirs, {
    ...lambdaEnv, AWS_ENDPOINT_URL_COMPREHEND: comprehend, AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: chime, CHANNEL_FLOW_NAME: 'bench', AWS_LAMBDA_LOG_LEVEL: 'ERROR',
  });
  close();
  const added = (name: 'fixed' | 'detected') => `${(median(times[name]) - median(times.none)).toFixed(1)} / ${(percentile(times[name], 99) - percentile(times.none, 99)).toFixed(1)} ms`;
  rows.push([`Comprehend calls added per 4 KB message, PII and toxicity in parallel, stub answering in ${COMPREHEND_STUB_MS} ms (median / p99)`,
    added('fixed'), '-', '-', '']);
  rows.push(['The same, asked in the detected language (its call first)', added('detected'), '-', '-', '']);
  return rows;
}

