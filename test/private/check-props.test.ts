import { App, aws_lambda as lambda, aws_logs as logs, Duration, Errors, Stack } from 'aws-cdk-lib';
import {
  ChannelFlow, ChannelFlowProps, Condition, MessageAttributePolicy, MessageAttributeRule, ModerationPolicy, PushNotificationPolicy,
  PushNotificationRule,
} from '../../src';
import { MIN_TIMEOUT_SECONDS } from '../../src/core/contract';
import { APP_INSTANCE_ARN, synthFlow } from '../support/fixtures';

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
    [{ timeout: Duration.minutes(16) }, /timeout: must be at most 900 seconds \(15 minutes, Lambda's limit\), got 960/],
    [{ memorySize: 64 }, /memorySize: must be a whole number of MiB from 128 to 10240, got 64/],
    [{ memorySize: 10241 }, /memorySize: must be a whole number of MiB from 128 to 10240, got 10241/],
    [{ reservedConcurrentExecutions: -1 }, /reservedConcurrentExecutions: must be a whole number, 0 or more, got -1/],
    [{ maxEventAge: Duration.seconds(30) }, /maxEventAge: must be from 1 minute to 6 hours \(60-21600 seconds\), got 30 seconds/],
    [{ maxEventAge: Duration.hours(7) }, /maxEventAge: must be from 1 minute to 6 hours \(60-21600 seconds\), got 25200 seconds/],
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
    [{ pushNotification: PushNotificationPolicy.of({ title: 'New: {{content', body: 'b' }) },
      /pushNotification\[0\]: the title has an unclosed placeholder "\{\{content": a placeholder is \{\{name\}\}/],
    [{ pushNotification: PushNotificationPolicy.firstMatch([PushNotificationRule.send({ title: 't', body: 'b' }), PushNotificationRule.suppress()]) },
      /pushNotification\[1\]: is never reached: pushNotification\[0\] applies to every message \(it has no when\)/],
    [{ moderation: ModerationPolicy.of({ deny: [Condition.noneOf(Condition.senderIn(['arn:aws:chime:us-east-1:111122223333:app-instance/other/user/u']))] }) },
      /Condition.senderIn: arn:aws:chime:us-east-1:111122223333:app-instance\/other\/user\/u is not a user or bot of the flow's app instance/],
    [{ channelFlowName: 'bad\u0000name' }, /channelFlowName: may hold no control character but tab, line feed and carriage return .* got "bad\\u0000name"/],
    [{ timeout: Duration.millis(10500) }, /timeout: must be a whole number of seconds \(Lambda's unit\), got 10.5 seconds/],
    [{ maxEventAge: Duration.millis(90500) }, /maxEventAge: must be a whole number of seconds/],
    [{ processor: lambda.Function.fromFunctionArn(new Stack(), 'Elsewhere', 'arn:aws:lambda:eu-west-1:999999999999:function:x') },
      /processor: the function is in account 999999999999 but the app instance is in 111122223333/],
  ])('%#: %p', (props, error) => {
    expect(() => synthFlow(props as Partial<ChannelFlowProps>)).toThrow(error);
  });

  test('two flows of one app with the same name in one account and region fail synth: their metrics would merge', () => {
    const app = new App();
    const stack = new Stack(app, 'Chat', { env: { account: '111122223333', region: 'us-east-1' } });
    new ChannelFlow(stack, 'Support', { appInstanceArn: APP_INSTANCE_ARN, channelFlowName: 'chat-flow' });
    new ChannelFlow(stack, 'Sales', { appInstanceArn: APP_INSTANCE_ARN, channelFlowName: 'chat-flow' });
    expect(() => app.synth()).toThrow(/channelFlowName: Chat\/(Sales|Support)\/Resource has the same name, chat-flow, in the same account and region/);
    const elsewhere = new App();
    new ChannelFlow(new Stack(elsewhere, 'East', { env: { account: '111122223333', region: 'us-east-1' } }), 'Flow', { appInstanceArn: APP_INSTANCE_ARN, channelFlowName: 'chat-flow' });
    const westApp = 'arn:aws:chime:eu-central-1:111122223333:app-instance/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9';
    new ChannelFlow(new Stack(elsewhere, 'West', { env: { account: '111122223333', region: 'eu-central-1' } }), 'Flow', { appInstanceArn: westApp, channelFlowName: 'chat-flow' });
    expect(() => elsewhere.synth()).not.toThrow();
  });

  test('every problem of the managed processor\'s props is reported at once, at the first problem\'s prop and code', () => {
    expect(() => synthFlow({ memorySize: 64, retryAttempts: 3, vpcSubnets: {} })).toThrow(expect.objectContaining({
      name: 'ChannelFlowInvalidRetryAttempts',
      message: expect.stringMatching(/^retryAttempts: must be an integer from 0 to 2, got 3 \(and 2 more: memorySize: must be .*; vpcSubnets: applies in a vpc/),
    }));
  });

  test('the limits of Lambda itself are accepted at both ends', () => {
    const highest = { timeout: Duration.minutes(15), memorySize: 10240, reservedConcurrentExecutions: 0, maxEventAge: Duration.minutes(1) };
    expect(() => synthFlow(highest)).not.toThrow();
    expect(() => synthFlow({ memorySize: 128, maxEventAge: Duration.hours(6) })).not.toThrow();
  });

  test('is a ValidationError at the construct path', () => {
    try {
      synthFlow({ channelFlowName: 'x'.repeat(300) });
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

  test('refuses options of the managed processor', () => {
    const stack = new Stack(new App(), 'Test');
    const mine = lambda.Function.fromFunctionArn(stack, 'Mine', 'arn:aws:lambda:us-east-1:111122223333:function:mine');
    expect(() => new ChannelFlow(stack, 'Flow', {
      appInstanceArn: APP_INSTANCE_ARN,
      processor: mine,
      pushNotification: PushNotificationPolicy.none(),
    })).toThrow(/pushNotification: applies to the managed processor only/);
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
