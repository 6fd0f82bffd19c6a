import { IResource, Resource, aws_cloudwatch as cloudwatch, aws_iam as iam, aws_lambda as lambda, aws_sqs as sqs, interfaces } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ChannelFlowAlarmOptions } from './channel-flow-props';
import { COMPREHEND_API_DIMENSION, METRIC_NAMES, METRICS_DIMENSION, METRICS_NAMESPACE } from './core/metrics';
import { ComprehendOperation } from './policy/comprehend';
import { createAlarms } from './private/alarms';
import { invalidProp } from './private/errors';
import { acknowledgeWildcards } from './private/nag';
import { NAG_REASONS } from './private/nag-reasons';

/**
 * A channel flow, created here or imported. It is also aws-cdk-lib's `IChannelFlowRef`, so it
 * can be given wherever aws-cdk-lib takes a reference to a channel flow.
 */
export interface IChannelFlow extends IResource, interfaces.aws_chime.IChannelFlowRef {
  /**
   * The ARN of the channel flow.
   *
   * @attribute
   */
  readonly channelFlowArn: string;

  /** The ARN of the app instance the channel flow belongs to. */
  readonly appInstanceArn: string;

  /**
   * Allow `grantee` to associate this channel flow with the app instance's channels and to
   * disassociate it (`chime:AssociateChannelFlow`, `chime:DisassociateChannelFlow`), on this
   * flow, the app instance's channels, and its users and bots acting as the bearer.
   */
  grantAssociate(grantee: iam.IGrantable): iam.Grant;

  /**
   * A metric the flow's processor writes (see the `metric*` methods). Needs the flow's name: a
   * flow imported by its ARN alone has none, and fails synth saying so.
   */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Messages answered with a callback. (A sum over 5 minutes by default.) */
  metricMessagesProcessed(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Messages denied. (A sum over 5 minutes by default.) */
  metricMessagesDenied(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Messages delivered changed. (A sum over 5 minutes by default.) */
  metricMessagesModified(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Events that were not well-formed channel message events. (A sum over 5 minutes by default.) */
  metricInvalidEvents(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Callback attempts repeated after a transient fault. (A sum over 5 minutes by default.) */
  metricCallbackRetries(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Invocations whose callback could not be delivered. (A sum over 5 minutes by default.) */
  metricCallbackFailures(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Callbacks the service answered as already resolved. (A sum over 5 minutes by default.) */
  metricAlreadyResolvedCallbacks(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Messages whose policy could not be evaluated. (A sum over 5 minutes by default.) */
  metricPolicyErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Time of the decision function, in microseconds. (The p99 over 5 minutes by default.) */
  metricDecisionLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Requests to an Amazon Comprehend API, retries included. (A sum over 5 minutes by default.) */
  metricComprehendCalls(operation: ComprehendOperation, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Messages answered by the policy's error action because an Amazon Comprehend API failed. (A sum over 5 minutes by default.) */
  metricComprehendFailures(operation: ComprehendOperation, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Time an Amazon Comprehend API took for a message, in milliseconds. (The p99 over 5 minutes by default.) */
  metricComprehendLatency(operation: ComprehendOperation, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Messages answered by the policy's error action because the processing hook failed. (A sum over 5 minutes by default.) */
  metricHookFailures(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Time the processing hook took for a message, in milliseconds. (The p99 over 5 minutes by default.) */
  metricHookLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Alarms for what needs a person (see `ChannelFlow.addAlarms`); for an imported flow, those
   * its metrics tell: callbacks not delivered, invalid events, policy errors.
   */
  addAlarms(options?: ChannelFlowAlarmOptions): cloudwatch.Alarm[];
}

/**
 * What created and imported channel flows share; hidden from the public API, where
 * `IChannelFlow` stands for both.
 *
 * @internal
 */
export abstract class ChannelFlowBase extends Resource implements IChannelFlow {
  public abstract readonly channelFlowArn: string;
  public abstract readonly appInstanceArn: string;

  /** This flow as aws-cdk-lib references a channel flow. */
  public get channelFlowRef(): interfaces.aws_chime.ChannelFlowReference {
    return { channelFlowArn: this.channelFlowArn };
  }

  private alarmsAdded = false;

  /** The name the processor's metrics carry as their dimension, when it is known. */
  protected abstract metricsName(): string | undefined;

  /** The processor function whose errors and throttles the alarms watch, when it is known. */
  protected alarmedProcessor(): lambda.IFunction | undefined {
    return undefined;
  }

  /** The failure queue whose depth the alarms watch, when the flow made one. */
  protected alarmedQueue(): sqs.IQueue | undefined {
    return undefined;
  }

  /**
   * A metric the processor writes for this flow (see the `metric*` methods for their meaning).
   * The managed processor writes them; a processor of your own writes them only if it uses the
   * same namespace (`CdkChimeChannelFlow`), names and `ChannelFlowName` dimension.
   */
  public metric(metricName: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    const name = this.metricsName();
    if (name === undefined) {
      invalidProp(this, 'metricsName', 'metric', 'the flow\'s name is not known for a flow imported by its ARN alone: import it with '
        + 'ChannelFlow.fromChannelFlowAttributes and its channelFlowName to read its metrics');
    }
    return new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { [METRICS_DIMENSION]: name },
      statistic: cloudwatch.Stats.SUM,
      ...props,
    }).attachTo(this);
  }

  /** Messages answered with a callback, delivered or denied, repeated deliveries answered as already resolved included. (A sum over 5 minutes by default.) */
  public metricMessagesProcessed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRIC_NAMES.messagesProcessed, props);
  }

  /** Messages denied by moderation (or by a fail-closed policy error). (A sum over 5 minutes by default.) */
  public metricMessagesDenied(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRIC_NAMES.messagesDenied, props);
  }

  /** Messages delivered with redacted content, changed attributes or a push notification. (A sum over 5 minutes by default.) */
  public metricMessagesModified(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRIC_NAMES.messagesModified, props);
  }

  /** Events that were not well-formed channel message events (they fail, and go to the failure destination). (A sum over 5 minutes by default.) */
  public metricInvalidEvents(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRIC_NAMES.invalidEvents, props);
  }

  /** Callback attempts repeated after a transient fault. (A sum over 5 minutes by default.) */
  public metricCallbackRetries(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRIC_NAMES.callbackRetries, props);
  }

  /** Invocations whose callback could not be delivered (they fail, and go on to Lambda's retries). (A sum over 5 minutes by default.) */
  public metricCallbackFailures(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRIC_NAMES.callbackFailures, props);
  }

  /** Callbacks the service answered as already resolved: repeated deliveries, counted as done. (A sum over 5 minutes by default.) */
  public metricAlreadyResolvedCallbacks(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRIC_NAMES.alreadyResolved, props);
  }

  /** Messages whose policy could not be evaluated. (A sum over 5 minutes by default.) */
  public metricPolicyErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRIC_NAMES.policyErrors, props);
  }

  /** Time of the decision function, in microseconds. (The p99 over 5 minutes by default.) */
  public metricDecisionLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRIC_NAMES.decisionLatency, { statistic: cloudwatch.Stats.p(99), ...props });
  }

  /** Requests to an Amazon Comprehend API, retries and a long message's several toxicity requests included. (A sum over 5 minutes by default.) */
  public metricComprehendCalls(operation: ComprehendOperation, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.comprehendMetric(METRIC_NAMES.comprehendCalls, operation, props);
  }

  /**
   * Messages answered by the policy's error action because an Amazon Comprehend API failed: a
   * fault or throttle past the retries, no answer in time, or a malformed answer. (A sum over 5 minutes by default.)
   */
  public metricComprehendFailures(operation: ComprehendOperation, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.comprehendMetric(METRIC_NAMES.comprehendFailures, operation, props);
  }

  /** Time an Amazon Comprehend API took for a message, retries included, in milliseconds. (The p99 over 5 minutes by default.) */
  public metricComprehendLatency(operation: ComprehendOperation, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.comprehendMetric(METRIC_NAMES.comprehendLatency, operation, { statistic: cloudwatch.Stats.p(99), ...props });
  }

  /**
   * Messages answered by the policy's error action because the processing hook failed: an
   * error, a timeout, a throttle past the retries, or an answer not of the contract. (A sum over 5 minutes by default.)
   */
  public metricHookFailures(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRIC_NAMES.hookFailures, props);
  }

  /** Time the processing hook took for a message, retries included, in milliseconds. (The p99 over 5 minutes by default.) */
  public metricHookLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRIC_NAMES.hookLatency, { statistic: cloudwatch.Stats.p(99), ...props });
  }

  private comprehendMetric(metricName: string, operation: ComprehendOperation, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const metric = this.metric(metricName, props);
    return metric.with({ dimensionsMap: { ...metric.dimensions, [COMPREHEND_API_DIMENSION]: operation } }).attachTo(this);
  }

  /**
   * Alarms for what needs a person: callbacks that could not be delivered, invalid events,
   * policy errors, processor errors and throttles, and (when the flow made it) a failure
   * queue that is not empty. Each fires on one occurrence in a period. With a processor of
   * your own, only the processor's errors and throttles are watched, unless it writes this
   * flow's metrics (see `metric`).
   */
  /**
   * Alarms for what needs a person: callbacks that could not be delivered, invalid events,
   * policy errors, processor errors and throttles, and (when the flow made it) a failure
   * queue that is not empty. Each fires on one occurrence in a period. With a processor of
   * your own, only the processor's errors and throttles are watched, unless it writes this
   * flow's metrics (see `metric`); for an imported flow, what its metrics tell.
   */
  public addAlarms(options: ChannelFlowAlarmOptions = {}): cloudwatch.Alarm[] {
    if (this.alarmsAdded) {
      invalidProp(this, 'alarmsAdded', 'addAlarms', 'was already called on this flow, and its alarms exist: call it once, with every alarm action '
        + '(alarmActions takes a list), or make further alarms from the metric* methods');
    }
    this.alarmsAdded = true;
    const queue = this.alarmedQueue();
    const processor = this.alarmedProcessor();
    return createAlarms(this, {
      callbackFailures: (props) => this.metricCallbackFailures(props),
      invalidEvents: (props) => this.metricInvalidEvents(props),
      policyErrors: (props) => this.metricPolicyErrors(props),
      processorErrors: processor ? (props) => processor.metricErrors(props) : undefined,
      processorThrottles: processor ? (props) => processor.metricThrottles(props) : undefined,
      failureQueueDepth: queue ? (props) => queue.metricApproximateNumberOfMessagesVisible(props) : undefined,
    }, options);
  }

  public grantAssociate(grantee: iam.IGrantable): iam.Grant {
    const wildcards = ['channel', 'user', 'bot'].map((type) => `${this.appInstanceArn}/${type}/*`);
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: ['chime:AssociateChannelFlow', 'chime:DisassociateChannelFlow'],
      resourceArns: [this.channelFlowArn, ...wildcards],
    });
    if (Construct.isConstruct(grantee)) {
      acknowledgeWildcards(grantee, wildcards, NAG_REASONS.associateWildcards);
    }
    return grant;
  }
}

