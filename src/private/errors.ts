import { UnscopedValidationError, ValidationError } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ChannelFlowErrorCode } from '../errors';

/** Each kind of error by the word the code sites use (often the prop's name), to its public code. */
export const ERROR_CODES = {
  appInstanceArn: ChannelFlowErrorCode.INVALID_APP_INSTANCE_ARN,
  environment: ChannelFlowErrorCode.ENVIRONMENT_MISMATCH,
  channelFlowArn: ChannelFlowErrorCode.INVALID_CHANNEL_FLOW_ARN,
  channelFlowName: ChannelFlowErrorCode.INVALID_NAME,
  managedOnly: ChannelFlowErrorCode.MANAGED_PROCESSOR_OPTION,
  runtime: ChannelFlowErrorCode.INVALID_RUNTIME,
  logGroupConflict: ChannelFlowErrorCode.LOG_GROUP_CONFLICT,
  timeout: ChannelFlowErrorCode.TIMEOUT_TOO_SHORT,
  timeoutTooLong: ChannelFlowErrorCode.TIMEOUT_TOO_LONG,
  memorySize: ChannelFlowErrorCode.INVALID_MEMORY_SIZE,
  reservedConcurrency: ChannelFlowErrorCode.INVALID_RESERVED_CONCURRENCY,
  maxEventAge: ChannelFlowErrorCode.INVALID_MAX_EVENT_AGE,
  retryAttempts: ChannelFlowErrorCode.INVALID_RETRY_ATTEMPTS,
  policy: ChannelFlowErrorCode.INVALID_POLICY,
  policyToken: ChannelFlowErrorCode.POLICY_TOKEN,
  pattern: ChannelFlowErrorCode.INVALID_PATTERN,
  senderArn: ChannelFlowErrorCode.INVALID_SENDER_ARN,
  adminBearerArn: ChannelFlowErrorCode.INVALID_ADMIN_BEARER_ARN,
  reservedEnvironment: ChannelFlowErrorCode.RESERVED_ENVIRONMENT,
  vpcOption: ChannelFlowErrorCode.VPC_OPTION,
  alarmsAdded: ChannelFlowErrorCode.ALARMS_ALREADY_ADDED,
  metricsName: ChannelFlowErrorCode.NAME_UNKNOWN,
  channelArn: ChannelFlowErrorCode.INVALID_CHANNEL_ARN,
  handlerBundle: ChannelFlowErrorCode.HANDLER_BUNDLE_MISSING,
  comprehendScore: ChannelFlowErrorCode.INVALID_COMPREHEND_SCORE,
  languageCode: ChannelFlowErrorCode.INVALID_LANGUAGE_CODE,
  processingHook: ChannelFlowErrorCode.INVALID_PROCESSING_HOOK,
  contentType: ChannelFlowErrorCode.INVALID_CONTENT_TYPE,
  filterRule: ChannelFlowErrorCode.INVALID_FILTER_RULE,
  event: ChannelFlowErrorCode.INVALID_EVENT,
  comprehendAnswers: ChannelFlowErrorCode.COMPREHEND_ANSWERS_MISSING,
  memberPreferences: ChannelFlowErrorCode.INVALID_MEMBER_PREFERENCES,
} as const satisfies Record<string, ChannelFlowErrorCode>;
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Throws a synth-time validation error at `scope` whose message names the prop: aws-cdk-lib's
 * own `ValidationError`, so `Errors.isValidationError` recognizes it and the CLI prints it with
 * the construct path. Every synth error of the construct is raised through here.
 */
export function invalidProp(scope: IConstruct, code: ErrorCode, prop: string, message: string): never {
  // aws-cdk-lib types the code as a literal string; ours are literals in ERROR_CODES.
  throw new ValidationError(ERROR_CODES[code] as any, `${prop}: ${message}`, scope);
}

/** The same where there is no construct scope: a policy factory's input, or the missing pre-bundled processor. */
export function invalidInput(code: ErrorCode, what: string, message: string): never {
  throw new UnscopedValidationError(ERROR_CODES[code] as any, `${what}: ${message}`);
}
