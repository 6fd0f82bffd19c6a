/** The managed processor: the function that runs the pre-bundled handler, with its role, logs and failure queue. */
import {
  Duration, RemovalPolicy, aws_iam as iam, aws_lambda as lambda, aws_lambda_destinations as destinations, aws_logs as logs, aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkManagedOptions } from './check-props';
import { grantComprehend } from './comprehend-access';
import { grantHookInvoke } from './hook-access';
import { acknowledgeNagFindings } from './nag';
import { NAG_REASONS } from './nag-reasons';
import { newestNodeRuntime } from './node-runtime';
import { processorCode } from './processor-code';
import { ManagedProcessorOptions, ProcessorLogLevel } from '../channel-flow-props';
import { policyComprehendApis } from '../core/comprehend-plan';
import { DEFAULT_TIMEOUT_SECONDS, HANDLER_BUNDLE, LogLevelName, PROCESSING_HOOK_TIMEOUT, PROCESSOR_ENVIRONMENT, ProcessorFeatures } from '../core/contract';
import { PolicyDocument } from '../core/document';

export interface ManagedProcessor {
  readonly fn: lambda.Function;
  readonly role: iam.IRole;
  readonly logGroup: logs.ILogGroup;
  /** The queue the flow made for failed invocations; absent when the user gave a failure destination. */
  readonly failureQueue?: sqs.Queue;
}

/** Each default, resolved once: what the function gets and what its checks and nag reasons read. */
function withDefaults(options: ManagedProcessorOptions) {
  return {
    ...options,
    runtime: options.runtime ?? newestNodeRuntime(),
    architecture: options.architecture ?? lambda.Architecture.ARM_64,
    memorySize: options.memorySize ?? 256,
    timeout: options.timeout ?? Duration.seconds(DEFAULT_TIMEOUT_SECONDS),
    tracing: options.tracing ?? lambda.Tracing.DISABLED,
    logLevel: options.logLevel ?? ProcessorLogLevel.INFO,
    retryAttempts: options.retryAttempts ?? 2,
    maxEventAge: options.maxEventAge ?? Duration.hours(6),
  };
}

/** The processor's log level: one Lambda knows (the contract's), as the construct's enum names it. */
const LOG_LEVEL: Record<ProcessorLogLevel, LogLevelName> = {
  [ProcessorLogLevel.DEBUG]: 'DEBUG',
  [ProcessorLogLevel.INFO]: 'INFO',
  [ProcessorLogLevel.WARN]: 'WARN',
  [ProcessorLogLevel.ERROR]: 'ERROR',
};

type ResolvedOptions = ReturnType<typeof withDefaults>;

/** What the processor bundle must carry for these options and this policy: Comprehend's client, the hook's. */
function featuresOf(options: ResolvedOptions, policy: PolicyDocument): ProcessorFeatures {
  const hookTimeout = options.processingHookTimeout ?? Duration.seconds(PROCESSING_HOOK_TIMEOUT.defaultSeconds);
  return {
    comprehend: policyComprehendApis(policy).size > 0,
    // A timeout known only at deploy time is counted at its most for the minimum function timeout.
    ...(options.processingHook
      ? { hookTimeoutMs: hookTimeout.isUnresolved() ? PROCESSING_HOOK_TIMEOUT.maxSeconds * 1000 : hookTimeout.toMilliseconds() } : {}),
  };
}

/** The processor's environment: the user's variables first (the check refuses the processor's names among them), then the contract's. */
function environmentOf(options: ResolvedOptions, flowName: string, features: ProcessorFeatures): { [name: string]: string } {
  return {
    ...options.environment,
    [PROCESSOR_ENVIRONMENT.channelFlowName]: flowName,
    ...(options.processingHook ? {
      [PROCESSOR_ENVIRONMENT.processingHookFunction]: options.processingHook.functionArn,
      [PROCESSOR_ENVIRONMENT.processingHookTimeoutMs]: String(features.hookTimeoutMs),
    } : {}),
  };
}

export function createManagedProcessor(scope: Construct, given: ManagedProcessorOptions, policy: PolicyDocument, flowName: string): ManagedProcessor {
  const options = withDefaults(given);
  const features = featuresOf(options, policy);
  checkManagedOptions(scope, options, features);

  const role = options.role ?? new iam.Role(scope, 'ProcessorRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'Runs the channel flow processor: writes its logs and calls chime:ChannelFlowCallback',
  });
  const logGroup = options.logGroup ?? new logs.LogGroup(scope, 'ProcessorLogs', {
    retention: options.logRetention ?? logs.RetentionDays.ONE_MONTH,
    removalPolicy: options.removalPolicy,
  });
  logGroup.grantWrite(role);
  grantComprehend(scope, role, policy);
  if (options.processingHook) grantHookInvoke(options.processingHook, role);

  const failureQueue = options.failureDestination ? undefined : createFailureQueue(scope, options.removalPolicy);
  const onFailure = failureQueue ? new destinations.SqsDestination(failureQueue) : options.failureDestination;
  const fn = new lambda.Function(scope, 'Processor', {
    description: 'Chime SDK messaging channel flow processor (cdk-chime-channel-flow)',
    code: processorCode(JSON.stringify(policy), features),
    handler: HANDLER_BUNDLE.handler,
    runtime: options.runtime,
    architecture: options.architecture,
    memorySize: options.memorySize,
    timeout: options.timeout,
    role,
    logGroup,
    // Lambda's own log-level control: operators change it as for any function, and Lambda
    // filters the processor's JSON lines by their level.
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel[LOG_LEVEL[options.logLevel]],
    tracing: options.tracing,
    reservedConcurrentExecutions: options.reservedConcurrentExecutions,
    environment: environmentOf(options, flowName, features),
    environmentEncryption: options.environmentEncryption,
    vpc: options.vpc,
    vpcSubnets: options.vpcSubnets,
    securityGroups: options.securityGroups,
    layers: options.layers,
    functionName: options.functionName,
    onFailure,
    retryAttempts: options.retryAttempts,
    maxEventAge: options.maxEventAge,
  });

  acknowledgeProcessorFindings(fn, role, options);
  return { fn, role, logGroup, failureQueue };
}

/** The cdk-nag findings the processor's function and role have by design, each with its reason. */
function acknowledgeProcessorFindings(fn: lambda.Function, role: iam.IRole, options: ResolvedOptions): void {
  const traced = options.tracing !== lambda.Tracing.DISABLED;
  acknowledgeNagFindings(fn.node.defaultChild as lambda.CfnFunction, [
    { rule: 'Serverless-LambdaDLQ', reason: NAG_REASONS.onFailureDestination },
    ...traced ? [] : [{ rule: 'Serverless-LambdaTracing', reason: NAG_REASONS.tracingOptIn }],
  ]);
  if (traced) acknowledgeNagFindings(role, [{ rule: 'AwsSolutions-IAM5', finding: 'Resource::*', reason: NAG_REASONS.xrayWildcard }]);
  // In a VPC, aws-cdk-lib gives the role the managed policy that lets Lambda attach it to the
  // VPC's network interfaces (it names no resource of its own to scope to). Acknowledged on the
  // flow's own role only, and as the whole rule: the finding's name holds a `::` that
  // aws-cdk-lib's acknowledgements refuse. The one managed policy of that role is this one.
  if (options.vpc && !options.role) acknowledgeNagFindings(role, [{ rule: 'AwsSolutions-IAM4', reason: NAG_REASONS.vpcAccess }]);
}

function createFailureQueue(scope: Construct, removalPolicy: RemovalPolicy | undefined): sqs.Queue {
  const queue = new sqs.Queue(scope, 'FailureQueue', {
    removalPolicy,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledgeNagFindings(queue.node.defaultChild as sqs.CfnQueue, [
    { rule: 'AwsSolutions-SQS3', reason: NAG_REASONS.failureQueueNeedsNoDlq },
    { rule: 'Serverless-SQSRedrivePolicy', reason: NAG_REASONS.failureQueueNeedsNoDlq },
  ]);
  return queue;
}
