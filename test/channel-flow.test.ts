import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Errors, Stack, aws_chime as chime, aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_logs as logs, aws_sns as sns } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { SnsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  ChannelFlow, ChannelFlowProps, FallbackAction, ProcessorLogLevel, MessageAttributePolicy, MessageAttributeRule, PushNotificationPolicy,
  PushNotificationType, SenderField,
} from '../src';
import { APP_INSTANCE_ARN, ROOT, shippedPolicy } from './support/fixtures';
import { MIN_TIMEOUT_SECONDS } from '../src/core/contract';

function synth(props: Partial<ChannelFlowProps> = {}) {
  const stack = new Stack(new App(), 'Test');
  const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, ...props });
  return { stack, flow, template: Template.fromStack(stack) };
}

function statementsOf(template: Template): any[] {
  return Object.values<any>(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('the channel flow resource', () => {
  test('has one async processor, executed first, with the fallback action', () => {
    const { template } = synth({ channelFlowName: 'moderation', fallbackAction: FallbackAction.ABORT });
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
    const { template } = synth();
    const flow = Object.values<any>(template.findResources('AWS::Chime::ChannelFlow'))[0];
    expect(flow.Properties.Processors[0].FallbackAction).toBe('CONTINUE');
    expect(flow.Properties.Name).toMatch(/^TestFlow[A-F0-9]{8}$/);
  });

  test('depends on the invoke permission so the service can invoke the processor the moment the flow exists', () => {
    const { template } = synth();
    const [permissionId] = Object.keys(template.findResources('AWS::Lambda::Permission'));
    const flow = Object.values<any>(template.findResources('AWS::Chime::ChannelFlow'))[0];
    expect(flow.DependsOn).toContain(permissionId);
  });

  test('exposes the flow ARN and the processor', () => {
    const { stack, flow } = synth();
    expect(stack.resolve(flow.channelFlowArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Flow/), 'Arn'] });
    expect(flow.processor).toBeInstanceOf(lambda.Function);
    expect(flow.failureQueue).toBeDefined();
  });
});

describe('the invoke permission', () => {
  test('names the messaging service principal, the source account and the app instance, and nothing else', () => {
    const { template } = synth();
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

describe('the processor role', () => {
  test('may call back on the app instance\'s channels, write its own logs and send to its failure queue: nothing wider', () => {
    const { template } = synth();
    const statements = statementsOf(template);
    expect(statements).toEqual(expect.arrayContaining([
      { Action: 'chime:ChannelFlowCallback', Effect: 'Allow', Resource: `${APP_INSTANCE_ARN}/channel/*` },
      {
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^FlowProcessorLogs/), 'Arn'] },
      },
    ]));
    expect(statements).toHaveLength(3);
    for (const statement of statements) {
      expect([statement.Resource].flat()).not.toContain('*');
      for (const action of [statement.Action].flat()) expect(action).not.toMatch(/\*/);
    }
    const role = Object.values<any>(template.findResources('AWS::IAM::Role'))[0];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
  });
});

describe('the managed processor function', () => {
  test('runs the pre-bundled handler on ARM64 and a current Node.js, logging JSON to its own log group', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 30,
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.stringLikeRegexp('^FlowProcessorLogs') } },
      TracingConfig: Match.absent(),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('sends failed events to an encrypted queue after bounded retries', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      Qualifier: '$LATEST',
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FlowFailureQueue'), 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('takes the options users ask for', () => {
    const stack = new Stack(new App(), 'Test');
    const key = new kms.Key(stack, 'Key');
    const topic = new sns.Topic(stack, 'Failures');
    const flow = new ChannelFlow(stack, 'Flow', {
      appInstanceArn: APP_INSTANCE_ARN,
      memorySize: 512,
      timeout: Duration.seconds(20),
      architecture: lambda.Architecture.X86_64,
      runtime: lambda.Runtime.NODEJS_22_X,
      logRetention: logs.RetentionDays.ONE_YEAR,
      tracing: lambda.Tracing.ACTIVE,
      reservedConcurrentExecutions: 10,
      environmentEncryption: key,
      failureDestination: new SnsDestination(topic),
      retryAttempts: 1,
      maxEventAge: Duration.hours(1),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 512,
      Timeout: 20,
      Architectures: ['x86_64'],
      Runtime: 'nodejs22.x',
      TracingConfig: { Mode: 'Active' },
      ReservedConcurrentExecutions: 10,
      KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { Ref: Match.stringLikeRegexp('^Failures') } } },
    });
    template.resourceCountIs('AWS::SQS::Queue', 0);
    expect(flow.failureQueue).toBeUndefined();
  });

  test('uses a log group the user gives', () => {
    const stack = new Stack(new App(), 'Test');
    const logGroup = new logs.LogGroup(stack, 'Mine', { retention: logs.RetentionDays.ONE_DAY });
    const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, logGroup });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^Mine') } } });
    expect(flow.logGroup).toBe(logGroup);
  });

  test('ships the rendered policy document with its code', () => {
    const { stack } = synth({
      messageAttributes: MessageAttributePolicy.of([
        MessageAttributeRule.set('source', ['web', 'ios']),
        MessageAttributeRule.fromMetadata('priority', 'priority'),
        MessageAttributeRule.fromSender('senderName', SenderField.NAME),
        MessageAttributeRule.remove('client'),
      ]),
      pushNotification: PushNotificationPolicy.of({ title: '{{sender.name}}', body: '{{content}}', type: PushNotificationType.VOIP }),
    });
    expect(shippedPolicy(stack)).toEqual({
      version: 2,
      moderation: { deny: [], redact: [] },
      onError: 'deliver',
      messageAttributes: [
        { op: 'set', name: 'source', values: ['web', 'ios'] },
        { op: 'fromMetadata', name: 'priority', key: 'priority' },
        { op: 'fromSender', name: 'senderName', field: 'name' },
        { op: 'remove', name: 'client' },
      ],
      pushNotification: [{ action: 'send', title: '{{sender.name}}', body: '{{content}}', type: 'VOIP' }],
    });
  });

  test('ships an empty policy when none is given, and the push type defaults to DEFAULT', () => {
    expect(shippedPolicy(synth().stack)).toEqual({ version: 2, moderation: { deny: [], redact: [] }, messageAttributes: [], pushNotification: [], onError: 'deliver' });
    const { stack } = synth({ pushNotification: PushNotificationPolicy.of({ title: 'New message', body: '{{content}}' }) });
    expect(shippedPolicy(stack).pushNotification).toEqual([{ action: 'send', title: 'New message', body: '{{content}}', type: 'DEFAULT' }]);
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

  test('refuses options of the managed processor', () => {
    const stack = new Stack(new App(), 'Test');
    const mine = lambda.Function.fromFunctionArn(stack, 'Mine', 'arn:aws:lambda:us-east-1:111122223333:function:mine');
    expect(() => new ChannelFlow(stack, 'Flow', {
      appInstanceArn: APP_INSTANCE_ARN,
      processor: mine,
      pushNotification: PushNotificationPolicy.none(),
    })).toThrow(/pushNotification: applies to the managed processor only/);
  });
});

describe('synth errors name the prop and the limit', () => {
  test.each([
    [{ appInstanceArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/abc/channel/def' }, /appInstanceArn: expected an app instance ARN/],
    [{ appInstanceArn: 'arn:aws:lambda:us-east-1:111122223333:function:f' }, /appInstanceArn: expected an app instance ARN/],
    [{ channelFlowName: 'x'.repeat(257) }, /channelFlowName: must be 1-256 characters, got 257/],
    [{ channelFlowName: '' }, /channelFlowName: must be 1-256 characters, got 0/],
    [{ runtime: lambda.Runtime.PYTHON_3_13 }, /runtime: must be a Node.js runtime, 22 or newer/],
    [{ runtime: lambda.Runtime.NODEJS_20_X }, /runtime: must be a Node.js runtime, 22 or newer .* got nodejs20.x/],
    [{ retryAttempts: 3 }, /retryAttempts: must be an integer from 0 to 2, got 3/],
    [{ timeout: Duration.seconds(5) }, new RegExp(`timeout: must be at least ${MIN_TIMEOUT_SECONDS} seconds .* got 5`)],
    [{ messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.set('n'.repeat(65), ['v'])]) },
      /messageAttributes\[0\] \(set "n+"\): the attribute name must be 1-64 characters, got 65/],
    [{ messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.set('a', ['v'.repeat(513)])]) },
      /messageAttributes\[0\] \(set "a"\): value 0 must be 1-512 characters, got 513/],
    [{ messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.set('a', [])]) }, /messageAttributes\[0\] \(set "a"\): needs at least one value/],
    [{ messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.fromMetadata('a', '')]) }, /the metadata key must be a non-empty string/],
    [{ messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.set('a', ['x'.repeat(500)]), MessageAttributeRule.set('b', ['y'.repeat(500), 'z'.repeat(30)])]) },
      /messageAttributes: the fixed attributes take 1032 bytes; a message's attributes hold at most 1024 bytes in all/],
    [{ pushNotification: PushNotificationPolicy.of({ title: 't'.repeat(51), body: 'b' }) },
      /pushNotification\[0\]: the title's fixed text is 51 characters; a push notification title holds at most 50/],
    [{ pushNotification: PushNotificationPolicy.of({ title: 'From {{sender.name}}', body: '{{content}} '.padEnd(200, '!') }) },
      /pushNotification\[0\]: the body's fixed text is 189 characters; a push notification body holds at most 150/],
    [{ pushNotification: PushNotificationPolicy.of({ title: '{{sender.nick}}', body: 'b' }) },
      /pushNotification\[0\]: the title has an unknown placeholder \{\{sender.nick\}\}/],
    [{ pushNotification: PushNotificationPolicy.of({ title: 't', body: '' }) }, /pushNotification\[0\]: the body must be a non-empty template/],
  ])('%#: %p', (props, error) => {
    expect(() => synth(props as Partial<ChannelFlowProps>)).toThrow(error);
  });

  test('is a ValidationError at the construct path', () => {
    try {
      synth({ channelFlowName: 'x'.repeat(300) });
      throw new Error('no error');
    } catch (error: any) {
      expect(Errors.isValidationError(error)).toBe(true);
      expect(error.constructPath).toBe('Test/Flow');
    }
  });

  test('logGroup and logRetention are exclusive', () => {
    const stack = new Stack(new App(), 'Test');
    const logGroup = new logs.LogGroup(stack, 'Mine');
    expect(() => new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, logGroup, logRetention: logs.RetentionDays.ONE_DAY }))
      .toThrow(/logRetention: applies to the flow's own log group/);
  });

  test('a token inside a policy is refused: the document must be known at synth', () => {
    const stack = new Stack(new App(), 'Test');
    expect(() => new ChannelFlow(stack, 'Flow', {
      appInstanceArn: APP_INSTANCE_ARN,
      messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.set('region', [stack.region])]),
    })).toThrow(/policies must be plain strings known at synth time/);
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

  test('fromChannelFlowArn refuses an ARN that is not a channel flow', () => {
    const stack = new Stack(new App(), 'Test');
    expect(() => ChannelFlow.fromChannelFlowArn(stack, 'Imported', APP_INSTANCE_ARN)).toThrow(/channelFlowArn: expected arn:PARTITION/);
  });

  test('refuses an app instance in another account or region than the stack', () => {
    const app = new App();
    const other = new Stack(app, 'Other', { env: { account: '444455556666', region: 'us-east-1' } });
    expect(() => new ChannelFlow(other, 'Flow', { appInstanceArn: APP_INSTANCE_ARN }))
      .toThrow(/appInstanceArn: the app instance is in account 111122223333 but the stack deploys to 444455556666/);
    const elsewhere = new Stack(app, 'Elsewhere', { env: { account: '111122223333', region: 'eu-west-1' } });
    expect(() => new ChannelFlow(elsewhere, 'Flow', { appInstanceArn: APP_INSTANCE_ARN }))
      .toThrow(/appInstanceArn: the app instance is in region us-east-1 but the stack deploys to eu-west-1/);
    const same = new Stack(app, 'Same', { env: { account: '111122223333', region: 'us-east-1' } });
    expect(() => new ChannelFlow(same, 'Flow', { appInstanceArn: APP_INSTANCE_ARN })).not.toThrow();
  });
});

describe('operations', () => {
  test('the processor knows its flow\'s name for its metrics; its log level is the function\'s own control', () => {
    const { template } = synth({ channelFlowName: 'chat', logLevel: ProcessorLogLevel.WARN });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { CHANNEL_FLOW_NAME: 'chat' } },
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'WARN' },
    });
    const fn = Object.values<any>(synth().template.findResources('AWS::Lambda::Function'))[0];
    expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO' });
    expect(fn.Properties.Environment.Variables).toEqual({ CHANNEL_FLOW_NAME: expect.any(String) });
  });

  test('the service\'s ProcessorInvocationFailure events of this processor go to the failure queue', () => {
    const { template } = synth();
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
    const { stack, flow } = synth({ channelFlowName: 'chat' });
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

  test('addAlarms makes an alarm for each thing that needs a person, with the actions given', () => {
    const stack = new Stack(new App(), 'Test');
    const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN });
    const topic = new sns.Topic(stack, 'Ops');
    const alarms = flow.addAlarms({ alarmActions: [new SnsAction(topic)], period: Duration.minutes(1) });
    expect(alarms).toHaveLength(6);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'CallbackFailures',
      Namespace: 'CdkChimeChannelFlow',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Ops') }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', Statistic: 'Maximum' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Namespace: 'AWS/Lambda' });
  });
});

test('the timeout prop documents the minimum the processor\'s timing gives', () => {
  // The figure is computed from the processor's retry policy (core/contract.ts); the doc must follow it.
  const api = fs.readFileSync(path.join(ROOT, 'API.md'), 'utf8');
  expect(api).toContain(`Timeout of the managed processor function, at least ${MIN_TIMEOUT_SECONDS} seconds.`);
});
