/**
 * npm run bench: measures the processor against what a user writes by hand, side by side in
 * one run, and writes the table to bench/results.md. Figures, not assertions: timings vary
 * with the machine, so they stay out of the tests (only the bundle size is tested).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { App, Stack, aws_chime as chime, aws_iam as iam, aws_lambda as lambda, aws_lambda_nodejs as nodejs } from 'aws-cdk-lib';
import { bundleAsNodejsFunction } from './baseline/bundle';
import { comprehendRows } from './comprehend';
import { hookRows } from './hook';
import { kib, median, percentile } from './measure';
import { BENCH_POLICIES, benchEvent, chatEvent, NO_LITERAL_START_PATTERNS, NO_LITERAL_START_POLICIES } from './policy';
import { ChannelFlow, PolicySimulator } from '../src';
import { compilePolicy } from '../src/core/compile-policy';
import { decide } from '../src/core/decide';
import { DETECTORS } from '../src/core/detectors';
import { checkEvent } from '../src/core/event';
import { parsePattern } from '../src/core/pattern/parse';
import { CompiledPattern, MESSAGE_STEP_BUDGET, PatternBudgetError, StepBudget } from '../src/core/pattern/vm';
import { FakeStackServices, runBundle } from '../test/support/fake-stack-services';

const root = path.join(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const ours = path.join(work, 'ours');
const baseline = path.join(work, 'baseline');
const APP_INSTANCE_ARN = 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1';


function prepareBundles(): void {
  execFileSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--project', 'test/tsconfig.json', 'scripts/bundle-handlers.ts'], { cwd: root, stdio: 'ignore' });
  fs.mkdirSync(ours, { recursive: true });
  fs.copyFileSync(path.join(root, 'assets', 'processor', 'index.js'), path.join(ours, 'index.js'));
  fs.writeFileSync(path.join(ours, 'policy.json'), JSON.stringify(PolicySimulator.fromPolicies(BENCH_POLICIES).policyDocument));
  bundleAsNodejsFunction(path.join(root, 'bench', 'baseline', 'handler.ts'), path.join(baseline, 'index.js'));
}

/**
 * Lambda's environment, for both sides. On this machine's Node.js 20 the AWS SDK writes a
 * Node-version warning when a client is made (about a millisecond, to stderr); Lambda's Node.js
 * 22+ runtimes never do, so the SDK's own switch turns it off here, for both sides alike.
 */
const LAMBDA_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'token',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Milliseconds to load the bundle (module evaluation included) in a fresh Node.js process. */
function coldLoad(dir: string): number {
  const program = `const t = process.hrtime.bigint(); require(${JSON.stringify(path.join(dir, 'index.js'))}); `
    + 'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));';
  const out = spawnSync(process.execPath, ['-e', program], { env: { PATH: process.env.PATH, ...LAMBDA_ENV }, encoding: 'utf8' });
  return Number(out.stdout);
}

async function perMessage(endpoint: string) {
  Object.assign(process.env, LAMBDA_ENV, { AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: endpoint, CHANNEL_FLOW_NAME: 'bench', AWS_LAMBDA_LOG_LEVEL: 'ERROR' });
  // The bundles are plain CommonJS files made at run time; require is how Lambda loads them too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (dir: string) => require(path.join(dir, 'index.js')).handler as (e: unknown) => Promise<void>;
  const handlers = { ours: load(ours), baseline: load(baseline) };
  // The processor writes one metrics line per message to stdout; keep the table readable.
  const write = process.stdout.write.bind(process.stdout);
  const times: Record<'ours' | 'baseline', number[]> = { ours: [], baseline: [] };
  process.stdout.write = (() => true) as any;
  try {
    for (let i = 0; i < 400; i++) {
      for (const name of ['ours', 'baseline'] as const) {
        const t = process.hrtime.bigint();
        await handlers[name](benchEvent(i));
        if (i >= 50) times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
  } finally {
    process.stdout.write = write;
  }
  return times;
}

function decisionAlone(): number[] {
  const policy = compilePolicy(PolicySimulator.fromPolicies(BENCH_POLICIES).policyDocument);
  const checked = checkEvent(benchEvent(0));
  if (!checked.ok) throw new Error(checked.reason);
  const times: number[] = [];
  for (let i = 0; i < 7000; i++) {
    const t = process.hrtime.bigint();
    decide(checked.event, policy);
    if (i >= 2000) times.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  return times;
}

/**
 * Microseconds of the decision for a policy of patterns that no literal starts, on
 * 4 KB chat messages, and of the same patterns' matchAll through native RegExp, for comparison.
 */
function noLiteralStart(): { ours: number[]; native: number[] } {
  const policy = compilePolicy(PolicySimulator.fromPolicies(NO_LITERAL_START_POLICIES).policyDocument);
  const events = Array.from({ length: 64 }, (_, i) => {
    const checked = checkEvent(chatEvent(i));
    if (!checked.ok) throw new Error(checked.reason);
    return checked.event;
  });
  const natives = NO_LITERAL_START_PATTERNS.map((p) => new RegExp(p.pattern, p.ignoreCase ? 'giu' : 'gu'));
  const times = { ours: [] as number[], native: [] as number[] };
  for (let i = 0; i < 3000; i++) {
    const event = events[i % events.length];
    let t = process.hrtime.bigint();
    decide(event, policy);
    if (i >= 500) times.ours.push(Number(process.hrtime.bigint() - t) / 1e3);
    t = process.hrtime.bigint();
    for (const re of natives) [...event.message.content!.matchAll(re)];
    if (i >= 500) times.native.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  return times;
}

/**
 * Milliseconds until the step budget stops patterns built to spend it on a 4 KB message, the
 * dearest steps each: jumps and assertions between every character, and tests against a class
 * of a hundred separate characters. The slower of the two bounds a message's pattern work.
 */
function budgetExhausted(): number[] {
  const compile = (source: string, ignoreCase: boolean) => new CompiledPattern(parsePattern(source, ignoreCase), ignoreCase);
  const scattered = Array.from({ length: 110 }, (_, i) => String.fromCodePoint(0x4e00 + i * 7)).join('');
  const cases = [
    { pattern: compile(`a.*?\\B${'|x|a'.repeat(120)}`, false), text: 'a'.repeat(4096) },
    { pattern: compile(`(?:[${scattered}]{1,30}){1,30}z`, true), text: `${scattered.repeat(38).slice(0, 4094)}zz` },
  ];
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    let slowest = 0;
    for (const { pattern, text } of cases) {
      const t = process.hrtime.bigint();
      try {
        pattern.matchAll(text, new StepBudget(MESSAGE_STEP_BUDGET));
        throw new Error('the budget did not stop the pattern');
      } catch (error) {
        if (!(error instanceof PatternBudgetError)) throw error;
      }
      slowest = Math.max(slowest, Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.push(slowest);
  }
  return times;
}

/**
 * Policies of many cheap patterns that together run out the budget: searches, matches and
 * redaction merging are all charged, so each ends in about the budget's time, whatever the number.
 */
function manyPatternsExhausted(): number[] {
  const many = (count: number, make: () => unknown) => Array.from({ length: count }, make);
  const pattern = (source: string) => ({ pattern: source, syntax: parsePattern(source, false), ignoreCase: false });
  const cases = [
    { redact: many(110, () => ({ kind: 'pattern', ...pattern('[ab]'), replacement: '*' })), deny: [], text: 'ab ' },
    { redact: many(110, () => ({ kind: 'pattern', ...pattern('.'), replacement: '*' })), deny: [], text: 'hello team ' },
    { redact: [], deny: many(400, () => ({ type: 'contentMatches', ...pattern('o.{0,5}z') })), text: 'the quick brown fox jumps over a lazy dog ' },
  ].map(({ redact, deny, text }) => {
    const policy = compilePolicy({ version: 3, onError: 'deny', moderation: { deny, redact }, messageAttributes: [], pushNotification: [] } as any);
    const event = checkEvent({ ...chatEvent(0), ChannelMessage: { ...chatEvent(0).ChannelMessage, Content: text.repeat(4096).slice(0, 4096) } });
    if (!event.ok) throw new Error(event.reason);
    return { policy, event: event.event };
  });
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    let slowest = 0;
    for (const { policy, event } of cases) {
      const t = process.hrtime.bigint();
      if (!decide(event, policy).summary.policyError) throw new Error('the budget did not stop the policy');
      slowest = Math.max(slowest, Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.push(slowest);
  }
  return times;
}

function synthOurs(): number {
  const t = process.hrtime.bigint();
  const app = new App({ outdir: fs.mkdtempSync(path.join(work, 'synth-')) });
  const stack = new Stack(app, 'Flows');
  for (let i = 0; i < 20; i++) new ChannelFlow(stack, `Flow${i}`, { appInstanceArn: APP_INSTANCE_ARN, ...BENCH_POLICIES });
  app.synth();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The same wiring by hand: NodejsFunction (bundled with esbuild at synth), permission, CfnChannelFlow. */
function synthByHand(): number {
  const t = process.hrtime.bigint();
  const app = new App({ outdir: fs.mkdtempSync(path.join(work, 'synth-')) });
  const stack = new Stack(app, 'Flows');
  for (let i = 0; i < 20; i++) {
    const fn = new nodejs.NodejsFunction(stack, `Processor${i}`, {
      entry: path.join(root, 'bench', 'baseline', 'handler.ts'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      depsLockFilePath: path.join(root, 'package-lock.json'),
      bundling: { minify: true, forceDockerBundling: false },
    });
    const permission = new lambda.CfnPermission(stack, `Permission${i}`, {
      action: 'lambda:InvokeFunction',
      functionName: fn.functionArn,
      principal: 'messaging.chime.amazonaws.com',
      sourceAccount: '111122223333',
      sourceArn: APP_INSTANCE_ARN,
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['chime:ChannelFlowCallback'], resources: [`${APP_INSTANCE_ARN}/channel/*`] }));
    const flow = new chime.CfnChannelFlow(stack, `Flow${i}`, {
      appInstanceArn: APP_INSTANCE_ARN,
      name: `flow-${i}`,
      processors: [{ name: 'p', executionOrder: 1, fallbackAction: 'CONTINUE', configuration: { lambda: { resourceArn: fn.functionArn, invocationType: 'ASYNC' } } }],
    });
    flow.addResourceDependency(permission);
  }
  app.synth();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * The built-in detectors on the 4 KB inputs that once cost them most: thousands of digit
 * groups in one run (the phone splitter was cubic in them), and the shapes each scans around.
 * The detectors do not draw on the pattern budget, so their time must stay linear on its own.
 */
function detectorsWorst(): number[] {
  const inputs = ['1-'.repeat(2048), '1 '.repeat(2048), '(1) '.repeat(1024), `${'a'.repeat(2047)}@${'b.'.repeat(1024)}`, '123-45-'.repeat(585)];
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    let slowest = 0;
    for (const text of inputs) {
      const t = process.hrtime.bigint();
      for (const detect of Object.values(DETECTORS)) detect(text);
      slowest = Math.max(slowest, Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.push(slowest);
  }
  return times;
}

const DISASSOCIATED_CHANNELS = 5000;

/** Channels per second the pre-bundled disassociation handler takes out of a flow, against the local stub. */
async function disassociationRate(concurrency: number): Promise<number> {
  const flow = `${APP_INSTANCE_ARN}/channel-flow/flow-1`;
  const channels = Array.from({ length: DISASSOCIATED_CHANNELS }, (_, i) => `${APP_INSTANCE_ARN}/channel/c${i}`);
  const services = await new FakeStackServices({ status: 'DELETE_IN_PROGRESS', template: { Resources: {} }, physicalIds: {} },
    { channels, delayMs: 20 }).start();
  const started = Date.now();
  await runBundle(services, [{
    RequestType: 'Delete',
    ResponseURL: `${services.endpoint}/response`,
    StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/Chat/1',
    RequestId: 'bench',
    LogicalResourceId: 'Disassociation',
    PhysicalResourceId: flow,
    ResourceProperties: { ChannelFlowArn: flow, ChimeBearer: `${APP_INSTANCE_ARN}/user/admin`, FlowLogicalId: 'Flow', Concurrency: String(concurrency) },
  }]);
  const seconds = (Date.now() - started) / 1000;
  await services.stop();
  if (services.associated.length > 0) throw new Error(`the bench's delete left ${services.associated.length} channels`);
  return DISASSOCIATED_CHANNELS / seconds;
}

async function main(): Promise<void> {
  prepareBundles();
  const rows: string[][] = [];
  const sizes = ['ours', 'baseline'].map((name) => fs.readFileSync(path.join(name === 'ours' ? ours : baseline, 'index.js')));
  rows.push(['Bundle, minified', kib(sizes[0].length), kib(sizes[1].length), `${(sizes[0].length / sizes[1].length).toFixed(2)} x`, '<= 250 KiB']);
  rows.push(['Bundle, gzipped', kib(gzipSync(sizes[0]).length), kib(gzipSync(sizes[1]).length), `${(gzipSync(sizes[0]).length / gzipSync(sizes[1]).length).toFixed(2)} x`, '']);

  const cold = { ours: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < 21; i++) {
    cold.ours.push(coldLoad(ours));
    cold.baseline.push(coldLoad(baseline));
  }
  rows.push(['Cold load (median of 21 processes)', `${median(cold.ours).toFixed(1)} ms`, `${median(cold.baseline).toFixed(1)} ms`,
    `${(median(cold.ours) / median(cold.baseline)).toFixed(2)} x`, '<= 0.6 x']);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ CallbackId: JSON.parse(Buffer.concat(chunks).toString() || '{}').CallbackId }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const times = await perMessage(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  server.close();
  rows.push(['Per message, median (350 x 4 KB, 14 rules, 5 patterns)', `${median(times.ours).toFixed(3)} ms`, `${median(times.baseline).toFixed(3)} ms`,
    `${(median(times.ours) / median(times.baseline)).toFixed(2)} x`, '<= 1.5 x']);
  rows.push(['Per message, p99', `${percentile(times.ours, 99).toFixed(3)} ms`, `${percentile(times.baseline, 99).toFixed(3)} ms`,
    `${(percentile(times.ours, 99) / percentile(times.baseline, 99)).toFixed(2)} x`, '']);

  rows.push(...await comprehendRows(work, coldLoad, LAMBDA_ENV));
  rows.push(...await hookRows(work, coldLoad, LAMBDA_ENV));

  const decision = decisionAlone();
  rows.push(['Decision alone, median / p99 (5000 x 4 KB)', `${median(decision).toFixed(1)} / ${percentile(decision, 99).toFixed(1)} µs`, '-', '-', 'p99 < 100 µs']);

  const hard = noLiteralStart();
  rows.push(['Decision, 5 patterns no literal starts, 4 KB chat, median / p99 (native RegExp beside)',
    `${median(hard.ours).toFixed(0)} / ${percentile(hard.ours, 99).toFixed(0)} µs`,
    `${median(hard.native).toFixed(0)} / ${percentile(hard.native, 99).toFixed(0)} µs`,
    `${(median(hard.ours) / median(hard.native)).toFixed(1)} x`, 'p99 <= 250 µs']);

  const exhausted = budgetExhausted();
  rows.push(['Pattern budget exhausted by the worst patterns, 4 KB (median / max of 7)',
    `${median(exhausted).toFixed(0)} / ${Math.max(...exhausted).toFixed(0)} ms`, '-', '-', 'bounded']);

  const manyPatterns = manyPatternsExhausted();
  rows.push(['Pattern budget exhausted by many cheap patterns (110 redactions, 400 conditions), 4 KB (median / max of 7)',
    `${median(manyPatterns).toFixed(0)} / ${Math.max(...manyPatterns).toFixed(0)} ms`, '-', '-', 'bounded']);

  const detectors = detectorsWorst();
  rows.push(['All four detectors on their worst 4 KB inputs (median / max of 7)',
    `${median(detectors).toFixed(1)} / ${Math.max(...detectors).toFixed(1)} ms`, '-', '-', 'linear']);

  for (const concurrency of [10, 50]) {
    const rate = await disassociationRate(concurrency);
    rows.push([`Disassociation, ${DISASSOCIATED_CHANNELS} channels, stub answering in 20 ms, concurrency ${concurrency}`,
      `${rate.toFixed(0)} channels/s`, '-', '-', '']);
  }

  const synth = { ours: [] as number[], byHand: [] as number[] };
  for (let i = 0; i < 3; i++) {
    synth.ours.push(synthOurs());
    synth.byHand.push(synthByHand());
  }
  rows.push(['Synth, 20 flows (median of 3)', `${median(synth.ours).toFixed(0)} ms`, `${median(synth.byHand).toFixed(0)} ms`,
    `${(median(synth.ours) / median(synth.byHand)).toFixed(2)} x`, '<= 1 x']);

  const header = ['Measure', 'cdk-chime-channel-flow', 'By hand (SDK client, NodejsFunction)', 'Ratio', 'Budget'];
  const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  const machine = `Node.js ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), ${os.platform()} ${os.arch()}`;
  const report = `# Benchmark\n\nProduced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.\n\n${table}\n`;
  fs.writeFileSync(path.join(root, 'bench', 'results.md'), report);
  console.log(`${machine}\n\n${table}\n\nwritten to bench/results.md`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
