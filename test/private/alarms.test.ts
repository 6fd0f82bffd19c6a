import { App, aws_sns as sns, Duration, Errors, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ChannelFlow } from '../../src';
import { APP_INSTANCE_ARN } from '../support/fixtures';

describe('addAlarms', () => {
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

  test('a second call says what happened, not CDK\'s duplicate id', () => {
    const stack = new Stack(new App(), 'Test');
    const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN });
    flow.addAlarms();
    expect(() => flow.addAlarms()).toThrow(/^addAlarms: was already called on this flow, and its alarms exist: call it once, with every alarm action/);
    try {
      flow.addAlarms();
    } catch (error) {
      expect(Errors.isValidationError(error)).toBe(true);
    }
  });
});
