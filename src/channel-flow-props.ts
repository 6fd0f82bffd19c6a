import {
  Duration, RemovalPolicy, aws_cloudwatch as cloudwatch, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_logs as logs,
} from 'aws-cdk-lib';
import { ChannelFlowPolicies } from './policy/policies';
import { PushNotificationFilter } from './policy/push-notification-filter';

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

/**
 * Options of the managed processor function (as aws-cdk-lib's `FunctionOptions` are of a
 * function). They apply only when the flow makes its processor: with `processor`, giving any
 * of them fails synth.
 */
export interface ManagedProcessorOptions {
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
   * @default - the newest Node.js runtime your aws-cdk-lib names (`NODEJS_24_X` in 2.268)
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

  /**
   * The VPC the managed processor runs in. Its subnets must reach the Chime SDK messaging
   * endpoint (`messaging-chime`), through a NAT gateway or an interface VPC endpoint, or no
   * callback gets through.
   *
   * @default - not in a VPC
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Where in `vpc` the managed processor runs.
   *
   * @default - the VPC's private subnets, as for any function
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The security groups of the managed processor in `vpc`; the flow's `connections` are theirs.
   *
   * @default - a security group of its own that allows all outbound traffic
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Environment variables of the managed processor, for your tooling (the processor reads only
   * its own). Names the processor reserves (`CHANNEL_FLOW_NAME`) and Lambda reserves
   * (`AWS_...`, `_HANDLER`, `LAMBDA_TASK_ROOT`, ...) fail synth.
   *
   * @default - only the processor's own
   */
  readonly environment?: { [name: string]: string };

  /**
   * Layers of the managed processor, for example an extension your team runs in every function.
   *
   * @default - none
   */
  readonly layers?: lambda.ILayerVersion[];

  /**
   * The name of the managed processor function.
   *
   * @default - a name CloudFormation makes
   */
  readonly functionName?: string;

  /**
   * The execution role of the managed processor, when your team provides roles (a permissions
   * boundary, a naming rule). The flow grants it what the processor needs: log writes,
   * `chime:ChannelFlowCallback` on the app instance's channels and the failure destination.
   *
   * @default - a role of the flow's own
   */
  readonly role?: iam.IRole;

  /**
   * What becomes of the flow's own log group and failure queue when the flow is deleted.
   *
   * @default - aws-cdk-lib's own: the log group is retained, the queue deleted
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Your own code in the flow: a Lambda function (any runtime) the managed processor invokes
   * synchronously for each message, after the policy has made its proposal and before the
   * callback. It gets a `ProcessingHookEvent` (the message as it arrived, and the proposal) and
   * answers a `ProcessingHookResult` (keep, deny, or replacements), which goes through the same
   * checks and fitting as the policy's own values. A hook that fails, times out, is throttled or
   * answers out of contract is answered by the policy's error action. The processor may invoke
   * it, nothing more.
   *
   * @default - no hook: the policy decides alone
   */
  readonly processingHook?: lambda.IFunction;

  /**
   * How long the processor waits for the processing hook for one message, retries of a
   * throttled invocation included, 1-60 seconds. The processor's minimum `timeout` grows by it.
   *
   * @default Duration.seconds(5)
   */
  readonly processingHookTimeout?: Duration;
}

/** Options of `ChannelFlow.associateChannel`. */
export interface AssociateChannelOptions {
  /**
   * The AppInstanceUser or AppInstanceBot that associates the channel: an admin or moderator
   * of the channel (for a `CfnChannel`, its `chimeBearer` is one), of the flow's app instance.
   */
  readonly bearerArn: string;
}

/** What `ChannelFlow.fromChannelFlowAttributes` takes of a flow made elsewhere. */
export interface ChannelFlowAttributes {
  /** The flow's ARN (`arn:PARTITION:chime:REGION:ACCOUNT:app-instance/APP_ID/channel-flow/FLOW_ID`). */
  readonly channelFlowArn: string;

  /**
   * The flow's name, the `ChannelFlowName` dimension of its processor's metrics.
   *
   * @default - unknown: the imported flow has no metrics nor alarms
   */
  readonly channelFlowName?: string;
}

/** Properties of a `ChannelFlow`. */
export interface ChannelFlowProps extends ChannelFlowPolicies, ManagedProcessorOptions {
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
   * The push notification filter rules your app's members use. At synth, each is checked
   * against the flow's attribute rules, and a warning (not an error) names each part of it
   * that cannot match what the flow sets: an attribute no rule leaves set, or a value the only
   * rules setting it (fixed `set` rules, read in order) never produce. For the managed
   * processor only: with `processor`, synth fails.
   *
   * @default - no filter is checked
   */
  readonly memberFilters?: PushNotificationFilter[];

  /**
   * An AppInstanceUser or AppInstanceBot ARN of the app instance that is an AppInstanceAdmin
   * (made one with `CreateAppInstanceAdmin`). With it, deleting or replacing the flow first
   * disassociates every channel associated with it, as this bearer, so that CloudFormation can
   * delete the flow: `DeleteChannelFlow` fails while any channel is associated.
   *
   * @default - channels are not disassociated: deleting or replacing the flow fails while a
   * channel is associated with it, until they are disassociated by hand
   */
  readonly adminBearerArn?: string;

  /**
   * Runtime of the functions of the flow's custom resources: the one that disassociates the
   * channels (with `adminBearerArn`) and the one that associates them (`associateChannel`). A
   * Node.js runtime, 22 or newer.
   *
   * @default - the newest Node.js runtime your aws-cdk-lib names (`NODEJS_24_X` in 2.268)
   */
  readonly disassociationRuntime?: lambda.Runtime;

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
   * `chime:ChannelFlowCallback` and lets the service invoke it. Giving it together with a
   * policy (`messageAttributes`, `pushNotification`, `moderation`), `memberFilters` or an option
   * of the managed function fails synth. The flow then makes no failure queue, failure rule or log group, and
   * the function's async invocation settings are yours.
   *
   * @default - a managed function running the pre-bundled processor
   */
  readonly processor?: lambda.IFunction;
}
