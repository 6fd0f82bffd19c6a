import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack, Validations, aws_chime as chime, aws_lambda as lambda } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ChannelFlow, Condition, MessageAttributePolicy, MessageAttributeRule, ModerationPolicy, PolicySimulator, Redaction } from '../../src';
import { withMessage } from '../support/decisions';
import { APP_INSTANCE_ARN, ROOT, statementsOf } from '../support/fixtures';

function flowWithHook({ withComprehend, ...props }: { timeout?: Duration; processingHookTimeout?: Duration; withComprehend?: boolean } = {}) {
  const stack = new Stack(new App(), 'Test');
  const hook = new lambda.Function(stack, 'Hook', {
    runtime: lambda.Runtime.PYTHON_3_13, handler: 'index.handler', code: lambda.Code.fromInline('def handler(event, context):\n    return None'),
  });
  const flow = new ChannelFlow(stack, 'Flow', {
    appInstanceArn: APP_INSTANCE_ARN,
    processingHook: hook,
    ...(withComprehend ? { moderation: ModerationPolicy.of({ redact: [Redaction.piiEntities()] }) } : {}),
    ...props,
  });
  return { stack, hook, flow, template: Template.fromStack(stack) };
}

const processorOf = (template: Template) => Object.values<any>(template.findResources('AWS::Lambda::Function'))
  .find((fn) => fn.Properties.Environment?.Variables?.CHANNEL_FLOW_NAME);

describe('a flow with a processing hook', () => {
  test('may invoke the hook, nothing more, and tells the processor which and for how long', () => {
    const { template, stack, hook } = flowWithHook({ processingHookTimeout: Duration.seconds(3) });
    const invoke = statementsOf(template).filter((s) => JSON.stringify(s.Action).includes('lambda:'));
    expect(invoke).toEqual([{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: expect.any(Array) }]);
    expect(JSON.stringify(invoke[0].Resource)).toContain(stack.resolve((hook.node.defaultChild as lambda.CfnFunction).logicalId));
    expect(processorOf(template).Properties.Environment.Variables).toMatchObject({
      PROCESSING_HOOK_FUNCTION: { 'Fn::GetAtt': [expect.stringMatching(/^Hook/), 'Arn'] },
      PROCESSING_HOOK_TIMEOUT_MS: '3000',
    });
  });

  test('ships the processor bundle with the Lambda client, with Comprehend\'s too when its policy has Comprehend rules', () => {
    const staged = (stack: Stack) => {
      const fn = processorOf(Template.fromStack(stack));
      return fs.readFileSync(path.join((stack.node.root as App).outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.js'));
    };
    expect(staged(flowWithHook().stack)).toEqual(fs.readFileSync(path.join(ROOT, 'assets', 'processor-hook', 'index.js')));
    expect(staged(flowWithHook({ withComprehend: true }).stack)).toEqual(fs.readFileSync(path.join(ROOT, 'assets', 'processor-comprehend-hook', 'index.js')));
  });

  test('needs time for the hook: the minimum timeout grows by its timeout, and synth says so', () => {
    // Before the first attempt 2 s, the hook's 5 s, the callback's first attempt and reserve 8 s, and a 1 s margin.
    expect(() => flowWithHook({ timeout: Duration.seconds(12) })).toThrow(/timeout: must be at least 16 seconds \(time to decide, wait for the processing hook,/);
    expect(() => flowWithHook({ timeout: Duration.seconds(16) })).not.toThrow();
    expect(() => flowWithHook({ timeout: Duration.seconds(20), processingHookTimeout: Duration.seconds(12) })).toThrow(/at least 23 seconds/);
  });

  test.each([
    ['under a second', Duration.millis(500), /processingHookTimeout: must be 1-60 seconds, got 0.5 seconds/],
    ['over a minute', Duration.minutes(2), /processingHookTimeout: must be 1-60 seconds, got 120 seconds/],
  ])('refuses a hook timeout %s', (_, processingHookTimeout, message) => {
    expect(() => flowWithHook({ processingHookTimeout, timeout: Duration.minutes(3) })).toThrow(message);
  });

  test('refuses a hook timeout without a hook', () => {
    const stack = new Stack(new App(), 'Test');
    expect(() => new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, processingHookTimeout: Duration.seconds(3) }))
      .toThrow(/processingHookTimeout: applies to a processing hook: give processingHook too/);
  });

  test('reads its hook metrics', () => {
    const { flow } = flowWithHook();
    expect(flow.metricHookFailures().metricName).toBe('HookFailures');
    expect(flow.metricHookLatency()).toMatchObject({ metricName: 'HookLatency', statistic: 'p99' });
  });

  test('has no cdk-nag finding left for users on what the flow makes', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hook-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'Hooked');
      const instance = new chime.CfnAppInstance(stack, 'Chat', { name: 'chat' });
      const hook = new lambda.Function(stack, 'Hook', {
        runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => null;'),
      });
      new ChannelFlow(stack, 'Flow', { appInstanceArn: instance.attrAppInstanceArn, processingHook: hook });
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
      // The hook's own findings fail synth; the report lists every finding.
      expect(() => app.synth()).toThrow(/Hooked\/Hook\//);
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
      // The hook function is the test's, with findings of its own; the flow's constructs have none.
      const findings = report.pluginReports.flatMap((p: any) => p.violations.flatMap((v: any) =>
        v.violatingConstructs.map((c: any) => `${v.ruleName} at ${c.constructPath}`))).filter((f: string) => f.includes('/Flow/'));
      expect(findings).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('PolicySimulator with a processing hook', () => {
  const simulator = PolicySimulator.fromPolicies({
    moderation: ModerationPolicy.of({ deny: [Condition.contentContainsAny(['forbidden'])], redact: [Redaction.emailAddresses()] }),
    messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.set('source', ['web'])]),
  });
  const event = withMessage({ Content: 'mail ann@example.com' });

  test('gives the event the hook gets, and the callback that follows its answer', () => {
    expect(simulator.processingHookEvent(event)).toMatchObject({ version: 1, proposal: { action: 'deliver', content: 'mail [email]' } });
    expect(simulator.simulateWithHook(event, 'null').ChannelMessage.Content).toBe('mail [email]');
    expect(simulator.simulateWithHook(event, JSON.stringify({ action: 'replace', attributes: { team: ['billing'] } })).ChannelMessage.MessageAttributes)
      .toEqual({ team: { StringValues: ['billing'] } });
    expect(simulator.simulateWithHook(event, '{"action":"deny"}')).toMatchObject({ DeleteResource: true });
  });

  test('answers an answer out of contract as the processor does: by onError', () => {
    expect(simulator.simulateWithHook(event, '{"action":"replace","content":""}')).toMatchObject({ DeleteResource: true });
    expect(simulator.simulateWithHook(event, 'not json')).toMatchObject({ DeleteResource: true });
  });
});
