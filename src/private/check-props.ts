/** The construct's synth-time checks of its props: each failure names the prop and the limit. */
import { Arn, ArnFormat, Duration, Stack, Token, aws_chime as chime, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { ErrorCode, invalidProp } from './errors';
import { MIN_NODE_MAJOR, nodeMajorOf } from './node-runtime';
import { ChannelFlowProps, ManagedProcessorOptions } from '../channel-flow-props';
import { minTimeoutSeconds, PROCESSING_HOOK_TIMEOUT, PROCESSOR_ENVIRONMENT, ProcessorFeatures } from '../core/contract';
import { APP_INSTANCE_ARN_PATTERN, CHANNEL_ARN_PATTERN, CHANNEL_FLOW_ARN_PATTERN, LAMBDA_LIMITS, LIMITS, RESOURCE_NAME_PATTERN, SENDER_ARN_PATTERN } from '../core/limits';
import { ChannelFlowPolicies } from '../policy/policies';

/** An AppInstanceUser or AppInstanceBot ARN of the flow's own app instance. */
export function checkAdminBearerArn(scope: Construct, appInstanceArn: string, bearerArn: string, prop = 'adminBearerArn'): void {
  if (Token.isUnresolved(bearerArn)) return;
  if (!SENDER_ARN_PATTERN.test(bearerArn)) {
    invalidProp(scope, 'adminBearerArn', prop, `expected an AppInstanceUser or AppInstanceBot ARN (arn:PARTITION:chime:REGION:ACCOUNT:app-instance/ID/user/ID or .../bot/ID), got ${bearerArn}`);
  }
  if (!Token.isUnresolved(appInstanceArn) && !bearerArn.startsWith(`${appInstanceArn}/`)) {
    invalidProp(scope, 'adminBearerArn', prop, `must be a user or bot of the flow's app instance ${appInstanceArn}, got ${bearerArn}`);
  }
}

/** A channel of the flow's own app instance, where it is known at synth. */
export function checkChannelArn(scope: Construct, appInstanceArn: string, channelArn: string): void {
  if (Token.isUnresolved(channelArn)) return;
  if (!CHANNEL_ARN_PATTERN.test(channelArn)) {
    invalidProp(scope, 'channelArn', 'channelArn', `expected a channel ARN (arn:PARTITION:chime:REGION:ACCOUNT:app-instance/ID/channel/ID), got ${channelArn}`);
  }
  if (!Token.isUnresolved(appInstanceArn) && !channelArn.startsWith(`${appInstanceArn}/`)) {
    invalidProp(scope, 'channelArn', 'channelArn', `must be a channel of the flow's app instance ${appInstanceArn}, got ${channelArn}`);
  }
}

export function checkAppInstanceArn(scope: Construct, arn: string): void {
  if (Token.isUnresolved(arn)) return;
  if (!APP_INSTANCE_ARN_PATTERN.test(arn)) {
    invalidProp(scope, 'appInstanceArn', 'appInstanceArn', `expected an app instance ARN (arn:PARTITION:chime:REGION:ACCOUNT:app-instance/ID), got ${arn}`);
  }
}

/** The processor must be in the app instance's account and region; checked where both are known. */
export function checkSameEnvironment(scope: Construct, appInstanceArn: string): void {
  if (Token.isUnresolved(appInstanceArn)) return;
  const stack = Stack.of(scope);
  const arn = Arn.split(appInstanceArn, ArnFormat.SLASH_RESOURCE_NAME);
  for (const [what, ours, theirs] of [['account', stack.account, arn.account], ['region', stack.region, arn.region]]) {
    if (!Token.isUnresolved(ours) && ours !== theirs) {
      invalidProp(scope, 'environment', 'appInstanceArn', `the app instance is in ${what} ${theirs} but the stack deploys to ${ours}; `
        + 'the processor must be in the same account and region as the app instance');
    }
  }
}

export function checkChannelFlowArn(scope: Construct, arn: string): void {
  if (!Token.isUnresolved(arn) && !CHANNEL_FLOW_ARN_PATTERN.test(arn)) {
    invalidProp(scope, 'channelFlowArn', 'channelFlowArn', `expected arn:PARTITION:chime:REGION:ACCOUNT:app-instance/APP_ID/channel-flow/FLOW_ID, got ${arn}`);
  }
}

export function checkChannelFlowName(scope: Construct, name: string): void {
  if (Token.isUnresolved(name)) return;
  if (name.length < 1 || name.length > LIMITS.channelFlowNameMaxChars) {
    invalidProp(scope, 'channelFlowName', 'channelFlowName', `must be 1-${LIMITS.channelFlowNameMaxChars} characters, got ${name.length}`);
  }
  if (!RESOURCE_NAME_PATTERN.test(name)) {
    invalidProp(scope, 'channelFlowName', 'channelFlowName', `may hold no control character but tab, line feed and carriage return (the API's name pattern), got ${JSON.stringify(name)}`);
  }
}

/**
 * No other channel flow of the app in the same account and region has this flow's name: their
 * metrics and alarms, whose dimension is the name, would merge. Checked when the app is
 * synthesized, once every flow exists.
 */
export function checkUniqueChannelFlowName(scope: Construct, flow: chime.CfnChannelFlow): void {
  scope.node.addValidation({
    validate: () => {
      const name = flow.name;
      if (Token.isUnresolved(name)) return [];
      const where = (c: IConstruct) => `${Stack.of(c).account}/${Stack.of(c).region}`;
      const twin = flow.node.root.node.findAll()
        .find((c) => c instanceof chime.CfnChannelFlow && c !== flow && c.name === name && where(c) === where(flow));
      return twin ? [`channelFlowName: ${twin.node.path} has the same name, ${name}, in the same account and region; `
        + 'their metrics and alarms (dimension ChannelFlowName) would merge: give each flow a name of its own'] : [];
    },
  });
}

/** A processor of the user's own must be in the app instance's account and region, where both are known. */
export function checkProcessorEnvironment(scope: Construct, appInstanceArn: string, processor: lambda.IFunction): void {
  if (Token.isUnresolved(appInstanceArn)) return;
  const arn = Arn.split(appInstanceArn, ArnFormat.SLASH_RESOURCE_NAME);
  for (const [what, theirs, ours] of [['account', processor.env.account, arn.account], ['region', processor.env.region, arn.region]]) {
    if (!Token.isUnresolved(theirs) && theirs !== ours) {
      invalidProp(scope, 'environment', 'processor', `the function is in ${what} ${theirs} but the app instance is in ${ours}; `
        + 'the service invokes only a processor in the app instance\'s account and region');
    }
  }
}

/**
 * The props that apply to the managed processor only (the member filters are checked against
 * its policies). Typed against the two interfaces, so a prop added to either cannot be left
 * out of the check below.
 */
const MANAGED_ONLY_PROPS = {
  messageAttributes: true,
  pushNotification: true,
  moderation: true,
  memberFilters: true,
  memorySize: true,
  timeout: true,
  architecture: true,
  runtime: true,
  logGroup: true,
  logRetention: true,
  tracing: true,
  logLevel: true,
  reservedConcurrentExecutions: true,
  environmentEncryption: true,
  failureDestination: true,
  retryAttempts: true,
  maxEventAge: true,
  vpc: true,
  vpcSubnets: true,
  securityGroups: true,
  environment: true,
  layers: true,
  functionName: true,
  role: true,
  removalPolicy: true,
  comprehend: true,
  processingHook: true,
  processingHookTimeout: true,
} as const satisfies Record<keyof ChannelFlowPolicies | keyof ManagedProcessorOptions | 'memberFilters', true>;

/** With a processor of the user's own, none of the managed processor's props may be given. */
export function checkNoManagedOptions(scope: Construct, props: ChannelFlowProps): void {
  const given = (Object.keys(MANAGED_ONLY_PROPS) as (keyof typeof MANAGED_ONLY_PROPS)[]).filter((prop) => props[prop] !== undefined);
  if (given.length > 0) {
    invalidProp(scope, 'managedOnly', given[0], `applies to the managed processor only, and a processor was given (also given: ${given.join(', ')})`);
  }
}

/** The managed processor's options, with their defaults resolved. */
export interface ResolvedManagedOptions {
  readonly runtime: lambda.Runtime;
  readonly timeout: Duration;
  readonly retryAttempts: number;
  readonly memorySize: number;
  readonly maxEventAge: Duration;
}

/** Why a runtime is not one the pre-bundled handlers run on (Node.js, MIN_NODE_MAJOR or newer), if it is not. */
function nodeRuntimeProblem(runtime: lambda.Runtime): string | undefined {
  const major = nodeMajorOf(runtime);
  return major === undefined || major < MIN_NODE_MAJOR
    ? `must be a Node.js runtime, ${MIN_NODE_MAJOR} or newer (nodejs22.x, nodejs24.x, ...), got ${runtime.name}` : undefined;
}

/** A runtime the pre-bundled handlers run on: Node.js, MIN_NODE_MAJOR or newer. */
export function checkNodeRuntime(scope: Construct, prop: 'runtime' | 'disassociationRuntime', runtime: lambda.Runtime): void {
  const problem = nodeRuntimeProblem(runtime);
  if (problem) invalidProp(scope, 'runtime', prop, problem);
}

type ManagedOptions = ManagedProcessorOptions & ResolvedManagedOptions;

/** One rule of the managed processor's props: the prop it names, its error code, and what is wrong, if anything. */
interface ManagedOptionRule {
  readonly code: ErrorCode;
  readonly prop: keyof ManagedProcessorOptions | ((options: ManagedOptions) => keyof ManagedProcessorOptions);
  readonly problem: (options: ManagedOptions, features: ProcessorFeatures) => string | undefined;
}

/** Lambda counts its timeout and event age in whole seconds; aws-cdk-lib's own error would not name the prop. */
const wholeSeconds = (duration: Duration) => (!duration.isUnresolved() && duration.toMilliseconds() % 1000 !== 0
  ? `must be a whole number of seconds (Lambda's unit), got ${duration.toMilliseconds() / 1000} seconds` : undefined);
/** A duration whose seconds the rules can compare: known at synth, and whole (the rule above reports one that is not). */
const known = (duration: Duration) => !duration.isUnresolved() && duration.toMilliseconds() % 1000 === 0;

/**
 * The managed processor's props, each rule in one row; every problem is reported at once, as
 * aws-sqs's validateAllProps does. aws-cdk-lib checks retryAttempts and maxEventAge too, at its
 * EventInvokeConfig, as they reach it: these fail first, at the flow, naming the flow's prop
 * and with the flow's codes.
 */
const MANAGED_OPTION_RULES: readonly ManagedOptionRule[] = [
  { code: 'timeout', prop: 'timeout', problem: (o) => wholeSeconds(o.timeout) },
  { code: 'maxEventAge', prop: 'maxEventAge', problem: (o) => wholeSeconds(o.maxEventAge) },
  { code: 'runtime', prop: 'runtime', problem: (o) => nodeRuntimeProblem(o.runtime) },
  {
    code: 'logGroupConflict',
    prop: 'logRetention',
    problem: (o) => (o.logGroup && o.logRetention !== undefined ? 'applies to the flow\'s own log group: give either logGroup or logRetention' : undefined),
  },
  {
    code: 'processingHook',
    prop: 'processingHookTimeout',
    problem: (o) => (o.processingHookTimeout !== undefined && !o.processingHook ? 'applies to a processing hook: give processingHook too' : undefined),
  },
  {
    code: 'processingHook',
    prop: 'processingHookTimeout',
    problem: (o) => {
      const timeout = o.processingHookTimeout;
      const { minSeconds, maxSeconds } = PROCESSING_HOOK_TIMEOUT;
      return timeout && !timeout.isUnresolved() && (timeout.toMilliseconds() < minSeconds * 1000 || timeout.toMilliseconds() > maxSeconds * 1000)
        ? `must be ${minSeconds}-${maxSeconds} seconds, got ${timeout.toMilliseconds() / 1000} seconds` : undefined;
    },
  },
  {
    code: 'timeout',
    prop: 'timeout',
    problem: (o, features) => {
      const minimum = minTimeoutSeconds(features);
      if (!known(o.timeout) || o.timeout.toSeconds() >= minimum) return undefined;
      const before = [features.comprehend ? 'ask Amazon Comprehend' : '', 'decide', features.hookTimeoutMs !== undefined ? 'wait for the processing hook' : '']
        .filter(Boolean).join(', ');
      return `must be at least ${minimum} seconds (time to ${before}, make one callback attempt and still answer and log), got ${o.timeout.toSeconds()}`;
    },
  },
  {
    code: 'timeoutTooLong',
    prop: 'timeout',
    problem: (o) => (known(o.timeout) && o.timeout.toSeconds() > LAMBDA_LIMITS.timeoutMaxSeconds
      ? `must be at most ${LAMBDA_LIMITS.timeoutMaxSeconds} seconds (15 minutes, Lambda's limit), got ${o.timeout.toSeconds()}` : undefined),
  },
  {
    code: 'retryAttempts',
    prop: 'retryAttempts',
    problem: (o) => (!Number.isInteger(o.retryAttempts) || o.retryAttempts < 0 || o.retryAttempts > 2
      ? `must be an integer from 0 to 2, got ${o.retryAttempts}` : undefined),
  },
  {
    code: 'memorySize',
    prop: 'memorySize',
    problem: (o) => (!Token.isUnresolved(o.memorySize)
      && (!Number.isInteger(o.memorySize) || o.memorySize < LAMBDA_LIMITS.memoryMinMiB || o.memorySize > LAMBDA_LIMITS.memoryMaxMiB)
      ? `must be a whole number of MiB from ${LAMBDA_LIMITS.memoryMinMiB} to ${LAMBDA_LIMITS.memoryMaxMiB}, got ${o.memorySize}` : undefined),
  },
  { code: 'reservedEnvironment', prop: 'environment', problem: (o) => environmentProblem(o.environment ?? {}) },
  {
    code: 'vpcOption',
    prop: (o) => (o.vpcSubnets ? 'vpcSubnets' : 'securityGroups'),
    problem: (o) => ((o.vpcSubnets || o.securityGroups) && !o.vpc ? 'applies in a vpc: give vpc too' : undefined),
  },
  {
    code: 'reservedConcurrency',
    prop: 'reservedConcurrentExecutions',
    problem: (o) => {
      const reserved = o.reservedConcurrentExecutions;
      return reserved !== undefined && !Token.isUnresolved(reserved) && (!Number.isInteger(reserved) || reserved < 0)
        ? `must be a whole number, 0 or more, got ${reserved}` : undefined;
    },
  },
  {
    code: 'maxEventAge',
    prop: 'maxEventAge',
    problem: (o) => {
      const age = o.maxEventAge;
      const { maxEventAgeMinSeconds: min, maxEventAgeMaxSeconds: max } = LAMBDA_LIMITS;
      return known(age) && (age.toSeconds() < min || age.toSeconds() > max)
        ? `must be from 1 minute to 6 hours (${min}-${max} seconds), got ${age.toSeconds()} seconds` : undefined;
    },
  },
];

/** Checks the managed processor's props: one validation error at the first problem's prop, listing every problem. */
export function checkManagedOptions(scope: Construct, options: ManagedOptions, features: ProcessorFeatures): void {
  const problems = MANAGED_OPTION_RULES.flatMap((rule) => {
    const message = rule.problem(options, features);
    return message === undefined ? [] : [{ code: rule.code, prop: typeof rule.prop === 'function' ? rule.prop(options) : rule.prop, message }];
  });
  if (problems.length === 0) return;
  const [first, ...more] = problems;
  invalidProp(scope, first.code, first.prop, `${first.message}${more.length > 0 ? ` (and ${more.length} more: ${more.map((p) => `${p.prop}: ${p.message}`).join('; ')})` : ''}`);
}

/** Names Lambda reserves for its own environment variables (besides every `AWS_...`). */
const LAMBDA_RESERVED_ENVIRONMENT = ['_HANDLER', '_X_AMZN_TRACE_ID', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'TZ', 'LANG', 'PATH', 'LD_LIBRARY_PATH', 'NODE_PATH'];

function environmentProblem(environment: { [name: string]: string }): string | undefined {
  const reserved = Object.keys(environment).find((name) => (Object.values(PROCESSOR_ENVIRONMENT) as string[]).includes(name)
    || name.startsWith('AWS_') || LAMBDA_RESERVED_ENVIRONMENT.includes(name));
  return reserved === undefined ? undefined : `${reserved} is reserved (by the processor: ${Object.values(PROCESSOR_ENVIRONMENT).join(', ')}; `
    + 'by Lambda: AWS_..., _HANDLER, LAMBDA_TASK_ROOT and the like): give your variable another name';
}
