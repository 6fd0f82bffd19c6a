import { App, aws_lambda as lambda, aws_logs as logs, Duration, Errors, Stack } from 'aws-cdk-lib';
import { ChannelFlow, ChannelFlowProps, MessageAttributePolicy, MessageAttributeRule, PushNotificationPolicy } from '../../src';
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
  ])('%#: %p', (props, error) => {
    expect(() => synthFlow(props as Partial<ChannelFlowProps>)).toThrow(error);
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
