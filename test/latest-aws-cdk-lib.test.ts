import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cfnLintFindings, unexplained } from './support/cfn-lint';
import { ROOT } from './support/fixtures';

/**
 * The packed library on the newest aws-cdk-lib and cdk-nag the npm registry serves, not only on
 * the 2.268.0 it is built against: a flow with every function the library makes, under cdk-nag's
 * AwsSolutions and Serverless packs and cfn-lint. The registry is the one thing this test needs
 * from outside; where it cannot be reached, the test says so and passes without running.
 */
function registryVersion(name: string): string | undefined {
  try {
    return execFileSync('npm', ['view', name, 'version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The app, in JavaScript, as a user on the newest aws-cdk-lib writes it; prints what the test reads. */
const APP = `
const fs = require('fs');
const path = require('path');
const { App, Stack, Validations, aws_chime: chime, aws_lambda: lambda } = require('aws-cdk-lib');
const { AwsSolutionsChecks, ServerlessChecks } = require('cdk-nag');
const { ChannelFlow, ModerationPolicy, Redaction } = require('cdk-chime-channel-flow');
const outdir = process.argv[2];
const app = new App({ outdir });
const stack = new Stack(app, 'Latest', { env: { account: '111122223333', region: 'us-east-1' } });
const instance = new chime.CfnAppInstance(stack, 'Chat', { name: 'chat' });
const admin = new chime.CfnAppInstanceUser(stack, 'Admin', { appInstanceArn: instance.attrAppInstanceArn, appInstanceUserId: 'admin', name: 'admin' });
new ChannelFlow(stack, 'Flow', {
  appInstanceArn: instance.attrAppInstanceArn,
  adminBearerArn: admin.attrAppInstanceUserArn,
  moderation: ModerationPolicy.of({ redact: [Redaction.emailAddresses()] }),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
try { app.synth(); } catch (error) { /* errors are in the report too */ }
const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
const violations = report.pluginReports.flatMap((p) => p.violations.flatMap((v) => v.violatingConstructs.map((c) => v.ruleName + ' at ' + c.constructPath)));
const newest = Object.values(lambda.Runtime).filter((r) => r instanceof lambda.Runtime && !r.isVariable && /^nodejs\\d+\\.x$/.test(r.name))
  .map((r) => r.name).sort((a, b) => parseInt(a.slice(6)) - parseInt(b.slice(6))).pop();
const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Latest.template.json'), 'utf8'));
const runtimes = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function').map((r) => r.Properties.Runtime);
console.log(JSON.stringify({ violations, newest, runtimes, cdk: require('aws-cdk-lib/package.json').version }));
`;

const latest = registryVersion('aws-cdk-lib');

describe('on the newest aws-cdk-lib and cdk-nag of the registry', () => {
  if (latest === undefined) {
    test('is skipped: the npm registry cannot be reached from this machine', () => {
      console.log('latest-aws-cdk-lib.test.ts: the npm registry cannot be reached, so the newest aws-cdk-lib was not tried');
    });
    return;
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'latest-cdk-'));
  let result: { violations: string[]; newest: string; runtimes: string[]; cdk: string };
  beforeAll(() => {
    const tarball = execFileSync('npm', ['pack', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'latest-cdk-app', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', path.join(work, tarball),
      `aws-cdk-lib@${latest}`, 'constructs@^10', 'cdk-nag@latest'], { cwd: work, stdio: 'ignore', timeout: 240_000 });
    fs.writeFileSync(path.join(work, 'app.js'), APP);
    result = JSON.parse(execFileSync(process.execPath, ['app.js', path.join(work, 'cdk.out')], { cwd: work, encoding: 'utf8' }));
  }, 300_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('has no cdk-nag finding left for users to suppress', () => {
    expect(result.cdk).toBe(latest);
    expect(result.violations).toEqual([]);
  });

  test('runs every function the library makes on the newest Node.js runtime that aws-cdk-lib names', () => {
    expect(result.runtimes.length).toBe(2);
    expect(new Set(result.runtimes)).toEqual(new Set([result.newest]));
  });

  test('its template is clean under cfn-lint, but for the findings explained in test/support/cfn-lint-explained.ts', () => {
    expect(unexplained(cfnLintFindings([path.join(work, 'cdk.out', 'Latest.template.json')]))).toEqual([]);
  });
});
