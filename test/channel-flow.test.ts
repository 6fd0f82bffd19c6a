import { App, aws_chime as chime, aws_iam as iam, aws_lambda as lambda, aws_sns as sns, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { SnsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ChannelFlow, Condition, FallbackAction, ModerationPolicy, PushNotificationPolicy } from '../src';
import { APP_INSTANCE_ARN, shippedPolicy, synthFlow } from './support/fixtures';

describe('the channel flow resource', () => {
  test('has one async processor, executed first, with the fallback action', () => {
    const { template } = synthFlow({ channelFlowName: 'moderation', fallbackAction: FallbackAction.ABORT });
    template.resourceCountIs('AWS::Chime::ChannelFlow', 1);
    template.hasResourceProperties('AWS::Chime::ChannelFlow', {
      AppInstanceArn: APP_INSTANCE_ARN,
      Name: 'moderation',
      Processors: [{
        Name: 'processor',
        ExecutionOrder: 1,
        FallbackAction: 'ABORT',
        Configuration: { Lambda: { InvocationType: 'ASYNC', ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FlowProcessor'), 'Arn'] } } },
      }],
    });
  });

  test('falls back to CONTINUE by default and derives a unique name from the construct path', () => {
    const { template } = synthFlow();
    const flow = Object.values<any>(template.findResources('AWS::Chime::ChannelFlow'))[0];
    expect(flow.Properties.Processors[0].FallbackAction).toBe('CONTINUE');
    expect(flow.Properties.Name).toMatch(/^TestFlow[A-F0-9]{8}$/);
  });

  test('a flow with moderation fails closed: its fallback action defaults to ABORT', () => {
    const stack = synthFlow({ moderation: ModerationPolicy.of({ deny: [Condition.contentContainsAny(['spam'])] }) }).stack;
    Template.fromStack(stack).hasResourceProperties('AWS::Chime::ChannelFlow', { Processors: [{ FallbackAction: 'ABORT' }] as any });
    const open = synthFlow({ moderation: ModerationPolicy.of({ deny: [Condition.contentContainsAny(['spam'])] }), fallbackAction: FallbackAction.CONTINUE }).stack;
    expect(Object.values<any>(Template.fromStack(open).findResources('AWS::Chime::ChannelFlow'))[0].Properties.Processors[0].FallbackAction).toBe('CONTINUE');
    expect(shippedPolicy(synthFlow({ moderation: ModerationPolicy.of({}) }).stack).onError).toBe('deliver');
  });

  test('depends on the invoke permission so the service can invoke the processor the moment the flow exists', () => {
    const { template } = synthFlow();
    const [permissionId] = Object.keys(template.findResources('AWS::Lambda::Permission'));
    const flow = Object.values<any>(template.findResources('AWS::Chime::ChannelFlow'))[0];
    expect(flow.DependsOn).toContain(permissionId);
  });

  test('exposes the flow ARN and the processor', () => {
    const { stack, flow } = synthFlow();
    expect(stack.resolve(flow.channelFlowArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Flow/), 'Arn'] });
    expect(flow.processor).toBeInstanceOf(lambda.Function);
    expect(flow.failureQueue).toBeDefined();
  });
});

describe('the invoke permission', () => {
  test('names the messaging service principal, the source account and the app instance, and nothing else', () => {
    const { template } = synthFlow();
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'messaging.chime.amazonaws.com',
      SourceAccount: '111122223333',
      SourceArn: APP_INSTANCE_ARN,
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FlowProcessor'), 'Arn'] },
    });
  });

  test('takes account and ARN from a token app instance ARN', () => {
    const stack = new Stack(new App(), 'Test');
    const app = new chime.CfnAppInstance(stack, 'Chat', { name: 'chat' });
    new ChannelFlow(stack, 'Flow', { appInstanceArn: app.attrAppInstanceArn });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      SourceArn: { 'Fn::GetAtt': ['Chat', 'AppInstanceArn'] },
      SourceAccount: { 'Fn::Select': [4, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Chat', 'AppInstanceArn'] }] }] },
    });
    template.hasResourceProperties('AWS::Chime::ChannelFlow', { AppInstanceArn: { 'Fn::GetAtt': ['Chat', 'AppInstanceArn'] } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: 'chime:ChannelFlowCallback',
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Chat', 'AppInstanceArn'] }, '/channel/*']] },
        }]),
      },
    });
  });
});

describe('two flows in one stack', () => {
  test('each has its own name, processor, permission and policy', () => {
    const stack = new Stack(new App(), 'Test');
    new ChannelFlow(stack, 'Support', { appInstanceArn: APP_INSTANCE_ARN });
    new ChannelFlow(stack, 'Sales', {
      appInstanceArn: APP_INSTANCE_ARN,
      pushNotification: PushNotificationPolicy.none(),
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Chime::ChannelFlow', 2);
    template.resourceCountIs('AWS::Lambda::Function', 2);
    template.resourceCountIs('AWS::Lambda::Permission', 2);
    const flows = Object.values<any>(template.findResources('AWS::Chime::ChannelFlow'));
    expect(new Set(flows.map((f) => f.Properties.Name)).size).toBe(2);
    const codes = Object.values<any>(template.findResources('AWS::Lambda::Function')).map((f) => f.Properties.Code.S3Key);
    expect(new Set(codes).size).toBe(2);
  });
});

describe('bring your own processor', () => {
  test('wires the permissions to it and creates no function of its own', () => {
    const stack = new Stack(new App(), 'Test');
    const mine = new lambda.Function(stack, 'Mine', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
    });
    const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, processor: mine });
    const template = Template.fromStack(stack);
    expect(flow.processor).toBe(mine);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::SQS::Queue', 0);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'Arn'] },
      Principal: 'messaging.chime.amazonaws.com',
      SourceArn: APP_INSTANCE_ARN,
    });
    template.hasResourceProperties('AWS::Chime::ChannelFlow', {
      Processors: [Match.objectLike({ Configuration: { Lambda: { ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'Arn'] }, InvocationType: 'ASYNC' } } })],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^MineServiceRole') }],
      PolicyDocument: { Statement: [{ Action: 'chime:ChannelFlowCallback', Effect: 'Allow', Resource: `${APP_INSTANCE_ARN}/channel/*` }] },
    });
    // The flow waits for the callback grant as well as the invoke permission.
    const [policyId] = Object.keys(template.findResources('AWS::IAM::Policy'));
    const [permissionId] = Object.keys(template.findResources('AWS::Lambda::Permission'));
    const channelFlow = Object.values<any>(template.findResources('AWS::Chime::ChannelFlow'))[0];
    expect(channelFlow.DependsOn).toEqual(expect.arrayContaining([policyId, permissionId]));
  });

  test('warns when the processor has no role to grant the callback to', () => {
    const stack = new Stack(new App(), 'Test');
    const mine = lambda.Function.fromFunctionArn(stack, 'Mine', 'arn:aws:lambda:us-east-1:111122223333:function:mine');
    new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, processor: mine });
    Annotations.fromStack(stack).hasWarning('/Test/Flow', Match.stringLikeRegexp('The processor has no known role: grant it chime:ChannelFlowCallback'));
  });
});

describe('imported flows and grants', () => {
  const flowArn = `${APP_INSTANCE_ARN}/channel-flow/flow-1`;

  test('grantAssociate allows associating and disassociating on the flow, the channels and the bearers', () => {
    const stack = new Stack(new App(), 'Test');
    const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN });
    const role = new iam.Role(stack, 'Backend', { assumedBy: new iam.AccountRootPrincipal() });
    flow.grantAssociate(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Backend') }],
      PolicyDocument: {
        Statement: [{
          Action: ['chime:AssociateChannelFlow', 'chime:DisassociateChannelFlow'],
          Effect: 'Allow',
          Resource: [
            { 'Fn::GetAtt': [Match.stringLikeRegexp('^Flow'), 'Arn'] },
            `${APP_INSTANCE_ARN}/channel/*`,
            `${APP_INSTANCE_ARN}/user/*`,
            `${APP_INSTANCE_ARN}/bot/*`,
          ],
        }],
      },
    });
  });

  test('fromChannelFlowArn derives the app instance and grants on it', () => {
    const stack = new Stack(new App(), 'Test');
    const flow = ChannelFlow.fromChannelFlowArn(stack, 'Imported', flowArn);
    expect(flow.channelFlowArn).toBe(flowArn);
    expect(stack.resolve(flow.appInstanceArn)).toBe(APP_INSTANCE_ARN);
    expect(flow.env.account).toBe('111122223333');
    expect(flow.env.region).toBe('us-east-1');
    const role = new iam.Role(stack, 'Backend', { assumedBy: new iam.AccountRootPrincipal() });
    flow.grantAssociate(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Resource: [flowArn, `${APP_INSTANCE_ARN}/channel/*`, `${APP_INSTANCE_ARN}/user/*`, `${APP_INSTANCE_ARN}/bot/*`] })] },
    });
  });

  test('created and imported flows are aws-cdk-lib channel flow references (IChannelFlowRef)', () => {
    const stack = new Stack(new App(), 'Test');
    const created = new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN });
    const imported = ChannelFlow.fromChannelFlowArn(stack, 'Imported', flowArn);
    // aws-cdk-lib's own function that takes any IChannelFlowRef.
    expect(stack.resolve(chime.CfnChannelFlow.arnForChannelFlow(created))).toEqual(stack.resolve(created.cfnChannelFlow.attrArn));
    expect(chime.CfnChannelFlow.arnForChannelFlow(imported)).toBe(flowArn);
    expect(imported.channelFlowRef).toEqual({ channelFlowArn: flowArn });
  });

  test('fromChannelFlowArn refuses an ARN that is not a channel flow', () => {
    const stack = new Stack(new App(), 'Test');
    expect(() => ChannelFlow.fromChannelFlowArn(stack, 'Imported', APP_INSTANCE_ARN)).toThrow(/channelFlowArn: expected arn:PARTITION/);
  });
});

describe('operations', () => {
  test('the service\'s ProcessorInvocationFailure events of this processor go to the failure queue', () => {
    const { template } = synthFlow();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.chime'],
        'detail-type': ['Chime ChannelFlow Processing Status'],
        'detail': { eventType: ['ProcessorInvocationFailure'], processorResourceArn: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^FlowProcessor'), 'Arn'] }] },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FlowFailureQueue'), 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: Match.arrayWith(['sqs:SendMessage']),
          Principal: { Service: 'events.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^FlowInvocationFailures'), 'Arn'] } } },
        })]),
      },
    });
  });

  test('a narrower pattern given to onProcessorInvocationFailure cannot widen it to other flows', () => {
    const stack = new Stack(new App(), 'Test');
    const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, failureDestination: new SnsDestination(new sns.Topic(stack, 'T')) });
    flow.onProcessorInvocationFailure('Narrow', { eventPattern: { detail: { channelArn: ['arn:aws:chime:us-east-1:111122223333:app-instance/a/channel/c'] }, source: ['other'] } });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.chime'],
        'detail-type': ['Chime ChannelFlow Processing Status'],
        'detail': {
          channelArn: ['arn:aws:chime:us-east-1:111122223333:app-instance/a/channel/c'],
          eventType: ['ProcessorInvocationFailure'],
          processorResourceArn: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^FlowProcessor'), 'Arn'] }],
        },
      },
    });
  });

  test('onProcessorInvocationFailure makes a rule users can route', () => {
    const stack = new Stack(new App(), 'Test');
    const topic = new sns.Topic(stack, 'Ops');
    const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, failureDestination: new SnsDestination(topic) });
    expect(flow.invocationFailureRule).toBeUndefined();
    flow.onProcessorInvocationFailure('ToOps', { target: new SnsTopic(topic) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ 'detail-type': ['Chime ChannelFlow Processing Status'] }),
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Ops') } })],
    });
  });

  test('metric* methods read the processor\'s metrics of this flow', () => {
    const { stack, flow } = synthFlow({ channelFlowName: 'chat' });
    const methods: [string, () => any][] = [
      ['MessagesProcessed', () => flow.metricMessagesProcessed()],
      ['MessagesDenied', () => flow.metricMessagesDenied()],
      ['MessagesModified', () => flow.metricMessagesModified()],
      ['InvalidEvents', () => flow.metricInvalidEvents()],
      ['CallbackRetries', () => flow.metricCallbackRetries()],
      ['CallbackFailures', () => flow.metricCallbackFailures()],
      ['AlreadyResolvedCallbacks', () => flow.metricAlreadyResolvedCallbacks()],
      ['PolicyErrors', () => flow.metricPolicyErrors()],
    ];
    for (const [name, metric] of methods) {
      expect(stack.resolve(metric().toMetricConfig().metricStat)).toMatchObject({
        namespace: 'CdkChimeChannelFlow', metricName: name, dimensions: [{ name: 'ChannelFlowName', value: 'chat' }], statistic: 'Sum',
      });
    }
    expect(flow.metricDecisionLatency().toMetricConfig().metricStat).toMatchObject({ metricName: 'DecisionLatency', statistic: 'p99' });
  });
});
