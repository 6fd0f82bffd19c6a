/**
 * The contract between the construct (synth time) and the processor (run time): what one side
 * writes and the other reads, and the processor's timing that the construct's limits derive
 * from. Both sides import it, so they cannot drift apart.
 */

/**
 * How a pre-bundled Lambda handler ships: in the package's assets/, a folder of its name holding
 * one file, whose `handler` export Lambda calls. The bundle script writes it, the construct
 * stages it and names the handler.
 */
export const HANDLER_BUNDLE = { file: 'index.js', handler: 'index.handler' } as const;

/** The file the processor reads its policy document from, next to its code. */
export const POLICY_FILE_NAME = 'policy.json';

/** The processor's environment variables, set by the construct. */
export const PROCESSOR_ENVIRONMENT = {
  /** The channel flow's name: the dimension of the processor's metrics. */
  channelFlowName: 'CHANNEL_FLOW_NAME',
  /** The processing hook's function ARN, for a flow with one. */
  processingHookFunction: 'PROCESSING_HOOK_FUNCTION',
  /** How long the processor waits for the hook, in milliseconds. */
  processingHookTimeoutMs: 'PROCESSING_HOOK_TIMEOUT_MS',
} as const;

/**
 * Lambda's application log levels (what it passes as AWS_LAMBDA_LOG_LEVEL), least severe
 * first. The construct's ProcessorLogLevel names a subset; the processor ranks lines by these.
 */
export const LOG_LEVEL_RANK = { TRACE: 0, DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, FATAL: 50 } as const;
export type LogLevelName = keyof typeof LOG_LEVEL_RANK;

/** How the processor retries its callback. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** An attempt without an answer by then is aborted and counts as a timeout (transient). */
  readonly attemptTimeoutMs: number;
  /** No attempt starts unless this much time is left after its timeout, to answer, log and count. */
  readonly reserveMs: number;
}

export const CALLBACK_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 2000, attemptTimeoutMs: 3000, reserveMs: 5000 };

/**
 * What an invocation may spend before its first callback attempt: a cold start, reading the
 * event and the decision (whose pattern work the step budget bounds; `npm run bench` measures
 * how long running it out takes).
 */
export const BEFORE_FIRST_ATTEMPT_MS = 2000;

/**
 * What calls made before the callback (Comprehend's, the processing hook's) leave of the
 * invocation when they stop: the callback's first attempt and its reserve, and a second for the
 * decision and the timers' lateness, so that the callback surely starts.
 */
export const BEFORE_CALLBACK_RESERVE_MS = CALLBACK_RETRY_POLICY.attemptTimeoutMs + CALLBACK_RETRY_POLICY.reserveMs + 1000;

/**
 * How the processor retries an Amazon Comprehend call: each attempt bounded by its own timeout,
 * and no attempt made after what the callback needs (its first attempt and reserve) is all
 * that is left of the invocation.
 */
export const COMPREHEND_RETRY_POLICY = {
  baseDelayMs: 100,
  maxDelayMs: 1000,
  attemptTimeoutMs: 2000,
  /** Calls that wait for another one: the detected language before PII and toxicity. */
  stages: 2,
} as const;

/** The features a flow's processor bundle carries beyond the plain one; the construct picks the bundle, the processor runs it. */
export interface ProcessorFeatures {
  /** Amazon Comprehend rules: the bundle has the Comprehend client. */
  readonly comprehend: boolean;
  /** A processing hook: the bundle has the Lambda client; its timeout, in milliseconds. */
  readonly hookTimeoutMs?: number;
}

/** The pre-bundled processors, by the features they carry: their folders under the package's assets/. */
export const PROCESSOR_BUNDLES = ['processor', 'processor-comprehend', 'processor-hook', 'processor-comprehend-hook'] as const;
export type ProcessorBundleName = typeof PROCESSOR_BUNDLES[number];

/** Every pre-bundled Lambda handler: the processors and the custom resources' handlers. */
export type HandlerBundleName = ProcessorBundleName | 'disassociate' | 'associate';

export function processorBundleName(features: ProcessorFeatures): ProcessorBundleName {
  return `processor${features.comprehend ? '-comprehend' : ''}${features.hookTimeoutMs !== undefined ? '-hook' : ''}` as ProcessorBundleName;
}

/**
 * The shortest function timeout in which the processor surely makes one callback attempt, after
 * one attempt of each Comprehend call when the policy has Comprehend rules, and the hook's time.
 */
export function minTimeoutSeconds(features: ProcessorFeatures): number {
  const comprehend = features.comprehend ? COMPREHEND_RETRY_POLICY.stages * COMPREHEND_RETRY_POLICY.attemptTimeoutMs : 0;
  const hook = features.hookTimeoutMs ?? 0;
  // Calls before the callback stop with what it needs and a margin left (BEFORE_CALLBACK_RESERVE_MS), so that margin is counted too.
  const callback = comprehend + hook > 0
    ? BEFORE_CALLBACK_RESERVE_MS : CALLBACK_RETRY_POLICY.attemptTimeoutMs + CALLBACK_RETRY_POLICY.reserveMs;
  return Math.ceil((BEFORE_FIRST_ATTEMPT_MS + comprehend + hook + callback) / 1000);
}

/** The shortest function timeout of a processor without Comprehend rules or a hook. */
export const MIN_TIMEOUT_SECONDS = minTimeoutSeconds({ comprehend: false });

/** How long the processor waits for a processing hook unless the user says otherwise, and the bounds of what they may say. */
export const PROCESSING_HOOK_TIMEOUT = { defaultSeconds: 5, minSeconds: 1, maxSeconds: 60 } as const;

/** How the processor retries a hook's invocation when Lambda throttles it or fails to run it, within the hook's timeout. */
export const HOOK_RETRY_POLICY = { baseDelayMs: 50, maxDelayMs: 500 } as const;

/** The managed function's timeout unless the user sets one. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

/**
 * The disassociation custom resource (`adminBearerArn`): its type, the properties the construct
 * writes and the handler reads, and the timing both sides derive from.
 */
export const DISASSOCIATION_RESOURCE_TYPE = 'Custom::ChannelFlowDisassociation';

/** The resource's properties. CloudFormation passes every value as a string. */
export interface DisassociationProperties {
  /** The flow this resource stands for (its physical id): a replacement gives it another. */
  readonly ChannelFlowArn: string;
  /** The AppInstanceUser or AppInstanceBot that disassociates, an AppInstanceAdmin. */
  readonly ChimeBearer: string;
  /** The flow's logical id as the template has it (overrides included), to find it in the stack. */
  readonly FlowLogicalId: string;
  /** The flow's DeletionPolicy (`Delete` when it has none), as synthesized. */
  readonly FlowDeletionPolicy: string;
  /** The flow's UpdateReplacePolicy (`Delete` when it has none), as synthesized. */
  readonly FlowUpdateReplacePolicy: string;
  /** At most this many disassociations in flight. */
  readonly Concurrency: string;
}

export const DISASSOCIATION_TIMING = {
  /** CloudFormation's wait for the answer (its ServiceTimeout, at most an hour). */
  serviceTimeoutSeconds: 3600,
  /** One invocation's timeout; a flow with more channels than one can take carries on in the next. */
  functionTimeoutSeconds: 900,
  /** Kept back at the end of an invocation to finish the calls in flight and answer, or hand over to the next. */
  reserveMs: 30_000,
  /** Kept back at the end of CloudFormation's wait, so the answer arrives before it gives up. */
  answerMarginMs: 120_000,
} as const;

/** Disassociations in flight unless the resource says otherwise, and the most it may say. */
export const DISASSOCIATION_CONCURRENCY = { default: 10, max: 50 } as const;

/**
 * The channel association custom resource (`ChannelFlow.associateChannel`): its type and the
 * properties the construct writes and its handler reads.
 */
export const ASSOCIATION_RESOURCE_TYPE = 'Custom::ChannelFlowAssociation';

export interface AssociationProperties {
  /** The channel associated with the flow: the resource's physical id, so a new channel replaces the resource. */
  readonly ChannelArn: string;
  readonly ChannelFlowArn: string;
  /** An AppInstanceUser or AppInstanceBot that is an admin or moderator of the channel. */
  readonly ChimeBearer: string;
  /** The flow's DeletionPolicy (`Delete` when it has none), as synthesized. */
  readonly FlowDeletionPolicy: string;
}
