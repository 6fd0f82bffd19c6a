import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations, aws_chime as chime, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { shippedPolicy } from './support/fixtures';
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

  test('nor with tracing on and an imported flow granted to a role', () => {
    const app = new App();
    const stack = new Stack(app, 'Traced');
    const instance = new chime.CfnAppInstance(stack, 'Chat', { name: 'chat' });
    new ChannelFlow(stack, 'Flow', { appInstanceArn: instance.attrAppInstanceArn, tracing: lambda.Tracing.ACTIVE });
    const imported = ChannelFlow.fromChannelFlowArn(stack, 'Imported',
      'arn:aws:chime:us-east-1:111122223333:app-instance/abc/channel-flow/def');
    imported.grantAssociate(new iam.Role(stack, 'Backend', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(nagViolations(app)).toEqual([]);
  });

  test('the nag check itself sees findings that are not acknowledged', () => {
    const app = new App();
    const stack = new Stack(app, 'Bare');
    new iam.Role(stack, 'Wide', { assumedBy: new iam.AccountRootPrincipal() })
      .addToPolicy(new iam.PolicyStatement({ actions: ['chime:*'], resources: ['*'] }));
    expect(nagViolations(app).length).toBeGreaterThan(0);
  });
});
