import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations, aws_chime as chime, aws_ec2 as ec2, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { cfnLintFindings, unexplained } from './support/cfn-lint';
import { EXPLAINED_CFN_LINT_FINDINGS } from './support/cfn-lint-explained';
import { ROOT, shippedPolicy } from './support/fixtures';
import { exampleApp } from '../examples/example-stack';
import { ChannelFlow } from '../src';

/** Every cdk-nag violation (errors and warnings) of the AwsSolutions and Serverless packs over `app`. */
function nagViolations(app: App): string[] {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  try {
    app.synth();
  } catch {
    // Errors fail synth; the report below lists them with the warnings.
  }
  const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf8'));
  return report.pluginReports.flatMap((plugin: any) => plugin.violations.flatMap((v: any) =>
    v.violatingConstructs.map((c: any) => `${v.ruleName} at ${c.constructPath}`)));
}

describe('the example app', () => {
  test('matches its snapshot', () => {
    const { stack } = exampleApp();
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });

  test('ships the policy document of its snapshot', () => {
    const { stack } = exampleApp();
    expect(shippedPolicy(stack)).toMatchSnapshot();
  });

  test('has no cdk-nag finding left for users to suppress (AwsSolutions and Serverless packs)', () => {
    const { app } = exampleApp();
    expect(nagViolations(app)).toEqual([]);
  });

  test('nor with tracing on, a channel associated in the stack, and an imported flow granted to a role', () => {
    const app = new App();
    const stack = new Stack(app, 'Traced');
    const instance = new chime.CfnAppInstance(stack, 'Chat', { name: 'chat' });
    const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: instance.attrAppInstanceArn, tracing: lambda.Tracing.ACTIVE });
    const admin = new chime.CfnAppInstanceUser(stack, 'Admin', { appInstanceArn: instance.attrAppInstanceArn, appInstanceUserId: 'admin' });
    flow.associateChannel('General', `${instance.attrAppInstanceArn}/channel/general`, { bearerArn: admin.attrAppInstanceUserArn });
    const imported = ChannelFlow.fromChannelFlowArn(stack, 'Imported',
      'arn:aws:chime:us-east-1:111122223333:app-instance/abc/channel-flow/def');
    imported.grantAssociate(new iam.Role(stack, 'Backend', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(nagViolations(app)).toEqual([]);
  });

  test('with a processor of your own, the callback grant on the app instance\'s channels is acknowledged as for the managed one', () => {
    const app = new App();
    const stack = new Stack(app, 'Own');
    const instance = new chime.CfnAppInstance(stack, 'Chat', { name: 'chat' });
    const processor = new lambda.Function(stack, 'Mine', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    new ChannelFlow(stack, 'Flow', { appInstanceArn: instance.attrAppInstanceArn, processor });
    // The function is the user's, with findings of its own; the grant the flow adds to its role has none.
    expect(nagViolations(app).filter((v) => v.startsWith('AwsSolutions-IAM5'))).toEqual([]);
  });

  test('nor in a VPC, on a role of the flow\'s own', () => {
    const app = new App();
    const stack = new Stack(app, 'Net');
    const instance = new chime.CfnAppInstance(stack, 'Chat', { name: 'chat' });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    new ChannelFlow(stack, 'Flow', { appInstanceArn: instance.attrAppInstanceArn, vpc });
    // The VPC is the test's, with findings of its own; the flow's constructs have none.
    expect(nagViolations(app).filter((v) => v.includes('/Flow/'))).toEqual([]);
  });

  test('the nag check itself sees findings that are not acknowledged', () => {
    const app = new App();
    const stack = new Stack(app, 'Bare');
    new iam.Role(stack, 'Wide', { assumedBy: new iam.AccountRootPrincipal() })
      .addToPolicy(new iam.PolicyStatement({ actions: ['chime:*'], resources: ['*'] }));
    expect(nagViolations(app).length).toBeGreaterThan(0);
  });

  describe('the README\'s main command (npx projen example)', () => {
    let outdir: string;
    let output: string;
    beforeAll(() => {
      outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-'));
      // The task's own script, transpiled only: the typecheck task checks its types.
      output = execFileSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', '--project', 'test/tsconfig.json', 'examples/app.ts', outdir],
        { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    });
    afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

    test('synthesizes offline and shows what it made', () => {
      expect(output).toContain('Synthesized ChatStack into');
      expect(output).toMatch(/Policy document shipped with the processor: .*policy\.json\n {2}2 deny conditions, 5 redactions, 6 attribute rules, 3 push rules; on error: deny/);
      expect(output).toContain('a forbidden word:\n    {"DeleteResource":true}\n    notified: nobody');
      // Bob's filter rule {"mentions":["bob"]} against the attribute the flow sets from the content.
      expect(output).toContain('bob: FILTERED {"mentions":["bob"]}');
      expect(output).toMatch(/a mention of bob:\n.*\n {4}notified: bob, cy\n/);
      expect(output).toMatch(/a mention of ann:\n.*\n {4}notified: cy\n/);
    });

    test('its templates are clean under cfn-lint, but for the findings explained in test/support/cfn-lint-explained.ts', () => {
      const templates = fs.readdirSync(outdir).filter((name) => name.endsWith('.template.json')).map((name) => path.join(outdir, name));
      expect(templates.length).toBeGreaterThan(0);
      const findings = cfnLintFindings(templates);
      expect(unexplained(findings)).toEqual([]);
      // Each explanation still matches a finding, so none outlives its reason.
      for (const explained of EXPLAINED_CFN_LINT_FINDINGS.filter((e) => !e.newerAwsCdkLibOnly)) {
        expect(findings.some((f) => f.Rule.Id === explained.rule && explained.message.test(f.Message))).toBe(true);
      }
    });
  });
});

