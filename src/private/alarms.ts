/** The alarms `ChannelFlow.addAlarms` makes: one for each thing that needs a person. */
import { Duration, aws_cloudwatch as cloudwatch } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ChannelFlowAlarmOptions } from '../channel-flow-props';

/** What the alarms watch. */
export interface AlarmSources {
  readonly callbackFailures: (props: cloudwatch.MetricOptions) => cloudwatch.IMetric;
  readonly invalidEvents: (props: cloudwatch.MetricOptions) => cloudwatch.IMetric;
  readonly policyErrors: (props: cloudwatch.MetricOptions) => cloudwatch.IMetric;
  /** Absent for an imported flow, whose processor is not known. */
  readonly processorErrors?: (props: cloudwatch.MetricOptions) => cloudwatch.IMetric;
  readonly processorThrottles?: (props: cloudwatch.MetricOptions) => cloudwatch.IMetric;
  /** Absent when the flow did not make the failure queue. */
  readonly failureQueueDepth?: (props: cloudwatch.MetricOptions) => cloudwatch.IMetric;
}

/** Alarms that fire on one occurrence in a period, under `scope`. */
export function createAlarms(scope: Construct, sources: AlarmSources, options: ChannelFlowAlarmOptions): cloudwatch.Alarm[] {
  const period = options.period ?? Duration.minutes(5);
  const alarm = (id: string, metric: cloudwatch.IMetric, description: string) => {
    const created = new cloudwatch.Alarm(scope, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    if (options.alarmActions) created.addAlarmAction(...options.alarmActions);
    return created;
  };
  return [
    alarm('CallbackFailuresAlarm', sources.callbackFailures({ period }), 'Callbacks could not be delivered; the events go to the failure destination after Lambda\'s retries.'),
    alarm('InvalidEventsAlarm', sources.invalidEvents({ period }), 'The processor received events it cannot answer; they go to the failure destination.'),
    alarm('PolicyErrorsAlarm', sources.policyErrors({ period }), 'Messages were answered by the policy\'s onError because it could not be evaluated.'),
    ...(sources.processorErrors ? [alarm('ProcessorErrorsAlarm', sources.processorErrors({ period }), 'The processor function failed invocations.')] : []),
    ...(sources.processorThrottles
      ? [alarm('ProcessorThrottlesAlarm', sources.processorThrottles({ period }), 'The processor function was throttled; its events wait in Lambda\'s queue.')] : []),
    ...(sources.failureQueueDepth ? [alarm('FailureQueueAlarm', sources.failureQueueDepth({ period, statistic: cloudwatch.Stats.MAXIMUM }),
      'Events wait in the failure queue: inspect and replay them within the 48-hour window.')] : []),
  ];
}
