import {
  Annotations, Arn, ArnFormat, Duration, Fn, IResource, Names, Resource, Stack, Token,
  aws_chime as chime, aws_cloudwatch as cloudwatch, aws_events as events, aws_events_targets as targets, aws_iam as iam,
  aws_kms as kms, aws_lambda as lambda, aws_lambda_destinations as destinations, aws_logs as logs, aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PolicyDocument } from './core/document';
import { APP_INSTANCE_ARN_PATTERN, LIMITS } from './core/limits';
import { METRIC_NAMES, METRICS_DIMENSION, METRICS_NAMESPACE } from './core/metrics';
import { validatePolicyDocument } from './core/validate';
import { ChannelFlowPolicies } from './policy/policies';
import { failsClosed, renderPolicyDocument } from './policy/render';
import { invalidProp } from './private/errors';
import { acknowledgeNagFindings, nagResourceName } from './private/nag';
import { stageProcessorCode } from './private/processor-code';

/** Below this, the processor could not make one callback attempt and still answer in time. */
const MIN_TIMEOUT_SECONDS = 10;

/** The service principal that invokes channel flow processors. */
const MESSAGING_PRINCIPAL = 'messaging.chime.amazonaws.com';

/** What the service does with a message when it cannot invoke the processor. */
export enum FallbackAction {
  /**
   * Deliver the message as it was sent, without the processor's changes. Messages keep
   * flowing while the processor is unreachable; attributes and push notifications the policies
   * would add are missing from those messages.
   */
  CONTINUE = 'CONTINUE',
  /**
   * Mark the message FAILED and deliver it to nobody. No message escapes the processor,
   * at the cost of losing messages while it is unreachable.
   */
  ABORT = 'ABORT',
}

/**
 * How much the managed processor logs: the function's own application log level, applied by
 * Lambda to every line. No level logs message content, metadata, attribute values or push texts.
 */
export enum ProcessorLogLevel {
  /** Also a line for each callback attempt: its time, the error name and status, the wait before the next. */
  DEBUG = 'DEBUG',
  /** One line per message, with ids and the decision. */
  INFO = 'INFO',
  /**
   * Only messages that need a look: answered by the policy's onError, values left out or cut to
   * fit the callback, a callback that needed retries; and failures.
   */
  WARN = 'WARN',
  /** Only failed invocations: invalid events and callbacks that could not be delivered. */
  ERROR = 'ERROR',
}

/** Options of the alarms `ChannelFlow.addAlarms` makes. */
export interface ChannelFlowAlarmOptions {
  /**
   * The period over which each alarm counts.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;

  /**
   * Where the alarms notify, for example an `SnsAction`.
   *
   * @default - no action: add your own to the alarms returned
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];
}

/** The event pattern of the service's ProcessorInvocationFailure events for one processor. */
function invocationFailurePattern(processorArn: string): events.EventPattern {
  return {
    source: ['aws.chime'],
    detailType: ['Chime ChannelFlow Processing Status'],
    detail: { eventType: ['ProcessorInvocationFailure'], processorResourceArn: [processorArn] },
  };
}

/** A channel flow, created here or imported. */
export interface IChannelFlow extends IResource {
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
}

/** Properties of a `ChannelFlow`. */
export interface ChannelFlowProps extends ChannelFlowPolicies {
  /**
   * The ARN of the app instance whose channels the flow serves, for example
   * `CfnAppInstance.attrAppInstanceArn`. A change replaces the flow.
   * When it is known at synth time it must be an app instance ARN.
   */
  readonly appInstanceArn: string;

  /**
   * The name of the channel flow, 1-256 characters.
   *
   * @default - a name derived from the stack name and the construct path, with a hash of the path
   */
  readonly channelFlowName?: string;

  /**
   * What the service does with a message when it cannot invoke the processor.
   * `CONTINUE` keeps messages flowing unprocessed; `ABORT` fails them so none escapes processing.
   *
   * @default - `FallbackAction.ABORT` when `moderation` denies or redacts anything (no message
   * escapes moderation), otherwise `FallbackAction.CONTINUE`
   */
  readonly fallbackAction?: FallbackAction;

  /**
   * Your own processor function instead of the managed one. The construct still grants it
   * `chime:ChannelFlowCallback` and lets the service invoke it; the policies and the options of
   * the managed function do not apply to it, and its async invocation settings are yours.
   *
   * @default - a managed function running the pre-bundled processor
   */
  readonly processor?: lambda.IFunction;

  /**
   * Memory of the managed processor function, in MiB.
   *
   * @default 256
   */
  readonly memorySize?: number;

  /**
   * Timeout of the managed processor function, at least 10 seconds. One invocation answers
   * one message, with bounded retries of the callback, well within this.
   *
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;

  /**
   * Instruction set of the managed processor function.
   *
   * @default lambda.Architecture.ARM_64
   */
  readonly architecture?: lambda.Architecture;

  /**
   * Runtime of the managed processor function: a Node.js runtime, 22 or newer.
   *
   * @default lambda.Runtime.NODEJS_24_X
   */
  readonly runtime?: lambda.Runtime;

  /**
   * The log group of the managed processor function. Give either this or `logRetention`.
   *
   * @default - a log group of the flow's own, kept for `logRetention`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * How long the flow's own log group keeps the processor's logs.
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * X-Ray tracing of the managed processor function.
   *
   * @default lambda.Tracing.DISABLED
   */
  readonly tracing?: lambda.Tracing;

  /**
   * How much the managed processor logs. Log lines carry ids and decisions, never message
   * content, metadata or push texts, at any level.
   *
   * @default ProcessorLogLevel.INFO
   */
  readonly logLevel?: ProcessorLogLevel;

  /**
   * Reserved concurrency of the managed processor function. Messages beyond it wait in
   * Lambda's async queue (throttled invocations are retried for up to `maxEventAge`).
   *
   * @default - no reserved concurrency: the account's unreserved pool
   */
  readonly reservedConcurrentExecutions?: number;

  /**
   * The KMS key that encrypts the managed function's environment variables.
   *
   * @default - the AWS managed key for Lambda
   */
  readonly environmentEncryption?: kms.IKey;

  /**
   * Where the managed function sends an event whose invocation failed after its retries:
   * the event, with its CallbackId, can be replayed from there within the 48-hour window.
   *
   * @default - an SQS queue of the flow's own, encrypted with SQS-managed keys, keeping messages 14 days
   */
  readonly failureDestination?: lambda.IDestination;

  /**
   * How often Lambda retries a failed asynchronous invocation of the managed function (0-2).
   *
   * @default 2
   */
  readonly retryAttempts?: number;

  /**
   * How long Lambda keeps trying an event of the managed function (1 minute to 6 hours),
   * throttled invocations included, before it goes to the failure destination.
   *
   * @default Duration.hours(6)
   */
  readonly maxEventAge?: Duration;
}

abstract class ChannelFlowBase extends Resource implements IChannelFlow {
  public abstract readonly channelFlowArn: string;
  public abstract readonly appInstanceArn: string;

  public grantAssociate(grantee: iam.IGrantable): iam.Grant {
    const wildcards = ['channel', 'user', 'bot'].map((type) => `${this.appInstanceArn}/${type}/*`);
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: ['chime:AssociateChannelFlow', 'chime:DisassociateChannelFlow'],
      resourceArns: [this.channelFlowArn, ...wildcards],
    });
    if (Construct.isConstruct(grantee)) {
      acknowledgeWildcards(grantee, wildcards, 'Associating a channel flow names the channel and the AppInstanceUser or '
        + 'AppInstanceBot that acts as bearer; both are created at run time, so the grant covers those of this app instance only.');
    }
    return grant;
  }
}

/**
 * An Amazon Chime SDK messaging channel flow with its processor: every message of the
 * channels associated with the flow passes through the processor, which answers with one
 * `ChannelFlowCallback` that applies the flow's policies.
 */
export class ChannelFlow extends ChannelFlowBase {
  /**
   * Import a channel flow by its ARN
   * (`arn:PARTITION:chime:REGION:ACCOUNT:app-instance/APP_ID/channel-flow/FLOW_ID`).
   */
  public static fromChannelFlowArn(scope: Construct, id: string, channelFlowArn: string): IChannelFlow {
    if (!Token.isUnresolved(channelFlowArn) && !/^arn:[^:]+:chime:[^:]+:\d{12}:app-instance\/[^/]+\/channel-flow\/[^/]+$/.test(channelFlowArn)) {
      throw invalidProp(scope, 'channelFlowArn', `expected arn:PARTITION:chime:REGION:ACCOUNT:app-instance/APP_ID/channel-flow/FLOW_ID, got ${channelFlowArn}`);
    }
    class Import extends ChannelFlowBase {
      public readonly channelFlowArn = channelFlowArn;
      public readonly appInstanceArn = Fn.select(0, Fn.split('/channel-flow/', channelFlowArn));
    }
    return new Import(scope, id, { environmentFromArn: channelFlowArn });
  }

  /** The ARN of the channel flow. */
  public readonly channelFlowArn: string;

  /** The ARN of the app instance the channel flow belongs to. */
  public readonly appInstanceArn: string;

  /** The function that processes the flow's messages: the managed one, or the one you gave. */
  public readonly processor: lambda.IFunction;

  /** The queue that receives events whose processing failed, when the flow made it. */
  public readonly failureQueue?: sqs.IQueue;

  /** The log group of the managed processor function. */
  public readonly logGroup?: logs.ILogGroup;

  /** The underlying `AWS::Chime::ChannelFlow`. */
  public readonly cfnChannelFlow: chime.CfnChannelFlow;

  /** The name of the channel flow; the processor's metrics carry it as their `ChannelFlowName` dimension. */
  public readonly channelFlowName: string;

  /**
   * The rule that sends the service's `ProcessorInvocationFailure` events for this flow's
   * processor to the failure queue, when the flow made the queue: messages the service could
   * not hand to the processor are visible where failed invocations are.
   */
  public readonly invocationFailureRule?: events.Rule;

  constructor(scope: Construct, id: string, props: ChannelFlowProps) {
    super(scope, id);
    validateAppInstanceArn(this, props.appInstanceArn);
    validateSameEnvironment(this, props.appInstanceArn);
    this.appInstanceArn = props.appInstanceArn;

    const name = props.channelFlowName ?? Names.uniqueResourceName(this, { maxLength: LIMITS.channelFlowNameMaxChars });
    this.channelFlowName = name;
    if (!Token.isUnresolved(name) && (name.length < 1 || name.length > LIMITS.channelFlowNameMaxChars)) {
      invalidProp(this, 'channelFlowName', `must be 1-${LIMITS.channelFlowNameMaxChars} characters, got ${name.length}`);
    }

    const callbackPermission = new iam.PolicyStatement({
      actions: ['chime:ChannelFlowCallback'],
      resources: [`${props.appInstanceArn}/channel/*`],
    });

    let callbackGrant: iam.Grant | undefined;
    if (props.processor) {
      rejectManagedOptions(this, props);
      this.processor = props.processor;
      callbackGrant = iam.Grant.addToPrincipal({
        grantee: this.processor,
        actions: callbackPermission.actions,
        resourceArns: callbackPermission.resources,
      });
      if (!this.processor.role) {
        Annotations.of(this).addWarningV2('cdk-chime-channel-flow:processorRole',
          'The processor has no known role: grant it chime:ChannelFlowCallback on the app instance\'s channels yourself.');
      }
    } else {
      const managed = this.createManagedProcessor(props, renderPolicy(this, props), name);
      this.processor = managed.fn;
      this.failureQueue = managed.failureQueue;
      this.logGroup = managed.logGroup;
      managed.role.addToPrincipalPolicy(callbackPermission);
      acknowledgeWildcards(managed.role, callbackPermission.resources, 'chime:ChannelFlowCallback is granted on the channels of '
        + 'this app instance only: the flow serves every channel associated with it, and channels are created at run time, '
        + 'so no narrower resource exists.');
    }

    const invokePermission = new lambda.CfnPermission(this, 'InvokePermission', {
      action: 'lambda:InvokeFunction',
      functionName: this.processor.functionArn,
      principal: MESSAGING_PRINCIPAL,
      sourceAccount: Arn.split(props.appInstanceArn, ArnFormat.SLASH_RESOURCE_NAME).account,
      sourceArn: props.appInstanceArn,
    });

    this.cfnChannelFlow = new chime.CfnChannelFlow(this, 'Resource', {
      appInstanceArn: props.appInstanceArn,
      name,
      processors: [{
        name: 'processor',
        executionOrder: 1,
        fallbackAction: props.fallbackAction ?? (failsClosed(props) ? FallbackAction.ABORT : FallbackAction.CONTINUE),
        configuration: { lambda: { resourceArn: this.processor.functionArn, invocationType: 'ASYNC' } },
      }],
    });
    // The service may invoke the processor, and it call back, as soon as the flow exists.
    this.cfnChannelFlow.addResourceDependency(invokePermission);
    callbackGrant?.applyBefore(this.cfnChannelFlow);
    this.channelFlowArn = this.cfnChannelFlow.attrArn;

    if (this.failureQueue) {
      this.invocationFailureRule = this.onProcessorInvocationFailure('InvocationFailures', {
        description: 'Chime ProcessorInvocationFailure events of this channel flow\'s processor, to its failure queue',
        target: new targets.SqsQueue(this.failureQueue),
      });
      acknowledgeNagFindings(this.invocationFailureRule.node.defaultChild as events.CfnRule, [{
        rule: 'Serverless-EventBusDLQ',
        reason: 'The target is itself the flow\'s failure queue; EventBridge retries delivery to it for 24 hours, and a '
          + 'dead-letter queue for it would be a second queue for the same failures.',
      }]);
    }
  }

  /**
   * A rule for the service's `ProcessorInvocationFailure` events about this flow's processor
   * (EventBridge, source `aws.chime`): sent whatever the fallback action, with the app
   * instance, channel, message id and failure reason.
   */
  public onProcessorInvocationFailure(id: string, options: events.OnEventOptions = {}): events.Rule {
    const ours = invocationFailurePattern(this.processor.functionArn);
    const rule = new events.Rule(this, id, {
      description: options.description,
      ruleName: options.ruleName,
      crossStackScope: options.crossStackScope,
      // Filters of yours narrow the rule; they cannot widen it to other flows' events.
      eventPattern: { ...options.eventPattern, ...ours, detail: { ...options.eventPattern?.detail, ...ours.detail } },
    });
    if (options.target) rule.addTarget(options.target);
    return rule;
  }

  /** A metric the processor writes for this flow (see the `metric*` methods for their meaning). */
  public metric(metricName: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { [METRICS_DIMENSION]: this.channelFlowName },
      statistic: cloudwatch.Stats.SUM,
      ...props,
    });
  }

  /** Messages answered with a callback, delivered or denied. (A sum over 5 minutes by default.) */
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

  /**
   * Alarms for what needs a person: callbacks that could not be delivered, invalid events,
   * policy errors, processor errors and throttles, and (when the flow made it) a failure
   * queue that is not empty. Each fires on one occurrence in a period.
   */
  public addAlarms(options: ChannelFlowAlarmOptions = {}): cloudwatch.Alarm[] {
    const period = options.period ?? Duration.minutes(5);
    const alarm = (id: string, metric: cloudwatch.IMetric, description: string) => {
      const created = new cloudwatch.Alarm(this, id, {
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
      alarm('CallbackFailuresAlarm', this.metricCallbackFailures({ period }), 'Callbacks could not be delivered; the events go to the failure destination after Lambda\'s retries.'),
      alarm('InvalidEventsAlarm', this.metricInvalidEvents({ period }), 'The processor received events it cannot answer; they go to the failure destination.'),
      alarm('PolicyErrorsAlarm', this.metricPolicyErrors({ period }), 'Messages were answered by the policy\'s onError because it could not be evaluated.'),
      alarm('ProcessorErrorsAlarm', this.processor.metricErrors({ period }), 'The processor function failed invocations.'),
      alarm('ProcessorThrottlesAlarm', this.processor.metricThrottles({ period }), 'The processor function was throttled; its events wait in Lambda\'s queue.'),
      ...(this.failureQueue ? [alarm('FailureQueueAlarm',
        this.failureQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM }),
        'Events wait in the failure queue: inspect and replay them within the 48-hour window.')] : []),
    ];
  }

  private createManagedProcessor(props: ChannelFlowProps, policy: PolicyDocument, flowName: string) {
    const runtime = props.runtime ?? lambda.Runtime.NODEJS_24_X;
    const nodeMajor = /^nodejs(\d+)\.x$/.exec(runtime.name)?.[1];
    if (runtime.family !== lambda.RuntimeFamily.NODEJS || nodeMajor === undefined || Number(nodeMajor) < 22) {
      invalidProp(this, 'runtime', `must be a Node.js runtime, 22 or newer (nodejs22.x, nodejs24.x, ...), got ${runtime.name}`);
    }
    if (props.logGroup && props.logRetention !== undefined) {
      invalidProp(this, 'logRetention', 'applies to the flow\'s own log group: give either logGroup or logRetention');
    }
    const timeout = props.timeout ?? Duration.seconds(30);
    if (!timeout.isUnresolved() && timeout.toSeconds() < MIN_TIMEOUT_SECONDS) {
      invalidProp(this, 'timeout', `must be at least ${MIN_TIMEOUT_SECONDS} seconds (a callback attempt may take 3 s, and the `
        + `processor keeps 5 s to answer and log), got ${timeout.toSeconds()}`);
    }
    const retryAttempts = props.retryAttempts ?? 2;
    if (!Number.isInteger(retryAttempts) || retryAttempts < 0 || retryAttempts > 2) {
      invalidProp(this, 'retryAttempts', `must be an integer from 0 to 2, got ${retryAttempts}`);
    }

    const role = new iam.Role(this, 'ProcessorRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Runs the channel flow processor: writes its logs and calls chime:ChannelFlowCallback',
    });
    const logGroup = props.logGroup ?? new logs.LogGroup(this, 'ProcessorLogs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });
    logGroup.grantWrite(role);

    let failureQueue: sqs.Queue | undefined;
    let onFailure = props.failureDestination;
    if (!onFailure) {
      failureQueue = new sqs.Queue(this, 'FailureQueue', {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const reason = 'This queue is itself the failure destination of the processor\'s invocations; it needs no DLQ of its own.';
      acknowledgeNagFindings(failureQueue.node.defaultChild as sqs.CfnQueue, [
        { rule: 'AwsSolutions-SQS3', reason },
        { rule: 'Serverless-SQSRedrivePolicy', reason },
      ]);
      onFailure = new destinations.SqsDestination(failureQueue);
    }

    const fn = new lambda.Function(this, 'Processor', {
      description: 'Chime SDK messaging channel flow processor (cdk-chime-channel-flow)',
      code: lambda.Code.fromAsset(stageProcessorCode(JSON.stringify(policy))),
      handler: 'index.handler',
      runtime,
      architecture: props.architecture ?? lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout,
      role,
      logGroup,
      // Lambda's own log-level control: operators change it as for any function, and Lambda
      // filters the processor's JSON lines by their level.
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[props.logLevel ?? ProcessorLogLevel.INFO],
      tracing: props.tracing ?? lambda.Tracing.DISABLED,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: { CHANNEL_FLOW_NAME: flowName },
      environmentEncryption: props.environmentEncryption,
      onFailure,
      retryAttempts,
      maxEventAge: props.maxEventAge ?? Duration.hours(6),
    });
    acknowledgeNagFindings(fn.node.defaultChild as lambda.CfnFunction, [{
      rule: 'Serverless-LambdaDLQ',
      reason: 'Failed asynchronous invocations go to an on-failure destination (EventInvokeConfig), which keeps the event '
        + 'with the error and the attempt count; a dead-letter queue would receive the same events with less context.',
    }, ...(props.tracing ?? lambda.Tracing.DISABLED) === lambda.Tracing.DISABLED ? [{
      rule: 'Serverless-LambdaTracing',
      reason: 'Tracing is opt-in (the tracing prop): the processor makes one ChannelFlowCallback per message and logs '
        + 'its outcome, so a trace of every message adds cost without insight by default.',
    }] : []]);
    if (fn.node.defaultChild && (props.tracing ?? lambda.Tracing.DISABLED) !== lambda.Tracing.DISABLED) {
      acknowledgeNagFindings(role, [{
        rule: 'AwsSolutions-IAM5',
        finding: 'Resource::*',
        reason: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
      }]);
    }
    return { fn, role, logGroup, failureQueue };
  }
}

/** Acknowledges cdk-nag's wildcard finding for each of `resources`, each scoped to the app instance. */
function acknowledgeWildcards(scope: Construct, resources: string[], reason: string): void {
  const findings = resources.map((arn) => nagResourceName(scope, arn));
  acknowledgeNagFindings(scope, findings.filter((name): name is string => name !== undefined)
    .map((name) => ({ rule: 'AwsSolutions-IAM5', finding: `Resource::${name}`, reason })));
}

function validateAppInstanceArn(scope: Construct, arn: string): void {
  if (Token.isUnresolved(arn)) return;
  if (!APP_INSTANCE_ARN_PATTERN.test(arn)) {
    invalidProp(scope, 'appInstanceArn', `expected an app instance ARN (arn:PARTITION:chime:REGION:ACCOUNT:app-instance/ID), got ${arn}`);
  }
}

/** The processor must be in the app instance's account and region; checked where both are known. */
function validateSameEnvironment(scope: Construct, appInstanceArn: string): void {
  if (Token.isUnresolved(appInstanceArn)) return;
  const stack = Stack.of(scope);
  const arn = Arn.split(appInstanceArn, ArnFormat.SLASH_RESOURCE_NAME);
  for (const [what, ours, theirs] of [['account', stack.account, arn.account], ['region', stack.region, arn.region]]) {
    if (!Token.isUnresolved(ours) && ours !== theirs) {
      invalidProp(scope, 'appInstanceArn', `the app instance is in ${what} ${theirs} but the stack deploys to ${ours}; `
        + 'the processor must be in the same account and region as the app instance');
    }
  }
}

const MANAGED_ONLY_PROPS = [
  'messageAttributes', 'pushNotification', 'moderation', 'memorySize', 'timeout', 'architecture', 'runtime', 'logGroup', 'logRetention',
  'tracing', 'logLevel', 'reservedConcurrentExecutions', 'environmentEncryption', 'failureDestination', 'retryAttempts', 'maxEventAge',
] as const;

function rejectManagedOptions(scope: Construct, props: ChannelFlowProps): void {
  const given = MANAGED_ONLY_PROPS.filter((prop) => props[prop] !== undefined);
  if (given.length > 0) {
    invalidProp(scope, given[0], `applies to the managed processor only, and a processor was given (also given: ${given.join(', ')})`);
  }
}

/** Renders the props' policies into the one policy document and fails synth on any problem, naming the prop. */
function renderPolicy(scope: Construct, props: ChannelFlowProps): PolicyDocument {
  const document = renderPolicyDocument(props);
  if (Token.isUnresolved(JSON.stringify(document))) {
    invalidProp(scope, 'messageAttributes/pushNotification/moderation', 'policies must be plain strings known at synth time; a token was found');
  }
  const problems = validatePolicyDocument(document);
  if (problems.length > 0) {
    const [first, ...more] = problems;
    invalidProp(scope, first.path, `${first.message}${more.length > 0 ? ` (and ${more.length} more: ${more.map((p) => `${p.path}: ${p.message}`).join('; ')})` : ''}`);
  }
  return document;
}
