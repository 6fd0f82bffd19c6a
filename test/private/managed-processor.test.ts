import { App, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_logs as logs, aws_sns as sns, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SnsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ChannelFlow, ProcessorLogLevel } from '../../src';
import { APP_INSTANCE_ARN, statementsOf, synthFlow } from '../support/fixtures';

describe('the processor role', () => {
  test('may call back on the app instance\'s channels, write its own logs and send to its failure queue: nothing wider', () => {
    const { template } = synthFlow();
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
    const { template } = synthFlow();
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
    const { template } = synthFlow();
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

  test('the processor knows its flow\'s name for its metrics; its log level is the function\'s own control', () => {
    const { template } = synthFlow({ channelFlowName: 'chat', logLevel: ProcessorLogLevel.WARN });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { CHANNEL_FLOW_NAME: 'chat' } },
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'WARN' },
    });
    const fn = Object.values<any>(synthFlow().template.findResources('AWS::Lambda::Function'))[0];
    expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO' });
    expect(fn.Properties.Environment.Variables).toEqual({ CHANNEL_FLOW_NAME: expect.any(String) });
  });
});

describe('the function settings a team sets on any function', () => {
  test('vpc, subnets and security groups: the flow\'s connections are the processor\'s', () => {
    const stack = new Stack(new App(), 'Net');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc });
    const flow = new ChannelFlow(stack, 'Flow', {
      appInstanceArn: APP_INSTANCE_ARN, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, securityGroups: [group],
    });
    expect(flow.connections.securityGroups).toEqual([group]);
    expect(flow.managedProcessor).toBeInstanceOf(lambda.Function);
    expect(flow.managedProcessor).toBe(flow.processor);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      VpcConfig: { SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Group'), 'GroupId'] }], SubnetIds: Match.arrayWith([Match.objectLike({ Ref: Match.anyValue() })]) },
    });
  });

  test('environment, layers and a function name; variables the processor or Lambda reserve are refused', () => {
    const stack = new Stack(new App(), 'Settings');
    const layer = lambda.LayerVersion.fromLayerVersionArn(stack, 'Ext', 'arn:aws:lambda:us-east-1:111122223333:layer:telemetry:3');
    new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, environment: { TEAM: 'chat' }, layers: [layer], functionName: 'chat-flow-processor' });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'chat-flow-processor',
      Layers: ['arn:aws:lambda:us-east-1:111122223333:layer:telemetry:3'],
      Environment: { Variables: { TEAM: 'chat', CHANNEL_FLOW_NAME: Match.anyValue() } },
    });
    for (const name of ['CHANNEL_FLOW_NAME', 'AWS_REGION', '_HANDLER']) {
      expect(() => synthFlow({ environment: { [name]: 'x' } })).toThrow(new RegExp(`environment: ${name} is reserved`));
    }
    expect(() => synthFlow({ vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } })).toThrow(/vpcSubnets: applies in a vpc: give vpc too/);
  });

  test('a role of the team\'s own gets what the processor needs, and no other role is made', () => {
    const stack = new Stack(new App(), 'Roles');
    const role = new iam.Role(stack, 'TeamRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, role });
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::IAM::Role'))).toEqual([expect.stringMatching(/^TeamRole/)]);
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TeamRole'), 'Arn'] } });
    expect(statementsOf(template)).toEqual(expect.arrayContaining([
      { Action: 'chime:ChannelFlowCallback', Effect: 'Allow', Resource: `${APP_INSTANCE_ARN}/channel/*` },
    ]));
  });

  test('removalPolicy applies to the flow\'s own log group and failure queue', () => {
    const { template } = synthFlow({ removalPolicy: RemovalPolicy.DESTROY });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    template.hasResource('AWS::SQS::Queue', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    const kept = synthFlow().template;
    kept.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    kept.hasResource('AWS::SQS::Queue', { DeletionPolicy: 'Delete' });
  });

  test('with a processor of your own, these settings fail synth as every managed option does', () => {
    const stack = new Stack(new App(), 'Own');
    const processor = lambda.Function.fromFunctionArn(stack, 'Mine', 'arn:aws:lambda:us-east-1:111122223333:function:mine');
    expect(() => new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, processor, functionName: 'x' }))
      .toThrow(/functionName: applies to the managed processor only/);
  });
});
