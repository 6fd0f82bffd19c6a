import { UnscopedValidationError, ValidationError } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The kinds of synth-time error, each with its own code (the name aws-cdk-lib's errors carry,
 * as its own `LogRetentionLogGroupConflict` does), so a user or a test can tell them apart.
 */
export const ERROR_CODES = {
  appInstanceArn: 'ChannelFlowInvalidAppInstanceArn',
  environment: 'ChannelFlowEnvironmentMismatch',
  channelFlowArn: 'ChannelFlowInvalidChannelFlowArn',
  channelFlowName: 'ChannelFlowInvalidName',
  managedOnly: 'ChannelFlowManagedProcessorOption',
  runtime: 'ChannelFlowInvalidRuntime',
  logGroupConflict: 'ChannelFlowLogGroupConflict',
  timeout: 'ChannelFlowTimeoutTooShort',
  timeoutTooLong: 'ChannelFlowTimeoutTooLong',
  memorySize: 'ChannelFlowInvalidMemorySize',
  reservedConcurrency: 'ChannelFlowInvalidReservedConcurrency',
  maxEventAge: 'ChannelFlowInvalidMaxEventAge',
  retryAttempts: 'ChannelFlowInvalidRetryAttempts',
  policy: 'ChannelFlowInvalidPolicy',
  policyToken: 'ChannelFlowPolicyToken',
  pattern: 'ChannelFlowInvalidPattern',
  senderArn: 'ChannelFlowInvalidSenderArn',
  adminBearerArn: 'ChannelFlowInvalidAdminBearerArn',
  reservedEnvironment: 'ChannelFlowReservedEnvironment',
  vpcOption: 'ChannelFlowVpcOption',
  alarmsAdded: 'ChannelFlowAlarmsAlreadyAdded',
  metricsName: 'ChannelFlowNameUnknown',
  channelArn: 'ChannelFlowInvalidChannelArn',
  handlerBundle: 'ChannelFlowHandlerBundleMissing',
  comprehendScore: 'ChannelFlowInvalidComprehendScore',
  languageCode: 'ChannelFlowInvalidLanguageCode',
  processingHook: 'ChannelFlowInvalidProcessingHook',
  contentType: 'ChannelFlowInvalidContentType',
} as const;
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
