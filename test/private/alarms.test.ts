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

  test('an imported flow with its name has the metrics and the alarms its metrics tell; by its ARN alone, synth says why not', () => {
    const stack = new Stack(new App(), 'Ops');
    const arn = 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/channel-flow/flow-1';
    const imported = ChannelFlow.fromChannelFlowAttributes(stack, 'Chat', { channelFlowArn: arn, channelFlowName: 'chat-flow' });
    expect(stack.resolve(imported.metricMessagesProcessed().dimensions)).toEqual({ ChannelFlowName: 'chat-flow' });
    expect(imported.addAlarms().map((alarm) => alarm.node.id)).toEqual(['CallbackFailuresAlarm', 'InvalidEventsAlarm', 'PolicyErrorsAlarm']);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'PolicyErrors', Namespace: 'CdkChimeChannelFlow', Dimensions: [{ Name: 'ChannelFlowName', Value: 'chat-flow' }],
    });
    const byArn = ChannelFlow.fromChannelFlowArn(stack, 'ByArn', arn);
    expect(() => byArn.metricPolicyErrors()).toThrow(/metric: the flow's name is not known for a flow imported by its ARN alone: import it with ChannelFlow.fromChannelFlowAttributes/);
    expect(() => ChannelFlow.fromChannelFlowAttributes(stack, 'Bad', { channelFlowArn: arn, channelFlowName: 'x\u0000' }))
      .toThrow(/channelFlowName: may hold no control character/);
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
