/**
 * The codes of the errors this library throws, for every entry point: the construct and its
 * props at synth (aws-cdk-lib's `ValidationError`, at the construct), and the policy factories,
 * filters and the simulator (its `UnscopedValidationError`). The code is the error's `name`, as
 * aws-cdk-lib's own codes are, so a test or a tool can tell the errors apart.
 */
export enum ChannelFlowErrorCode {
  /** `appInstanceArn` is not an app instance ARN. */
  INVALID_APP_INSTANCE_ARN = 'ChannelFlowInvalidAppInstanceArn',
  /** The app instance (or a user's processor) is in another account or region than the stack. */
  ENVIRONMENT_MISMATCH = 'ChannelFlowEnvironmentMismatch',
  /** An imported channel flow ARN is not one. */
  INVALID_CHANNEL_FLOW_ARN = 'ChannelFlowInvalidChannelFlowArn',
  /** `channelFlowName` breaks the service's name rules. (Two flows of one name in an account and region fail the app's validation, naming both.) */
  INVALID_NAME = 'ChannelFlowInvalidName',
  /** A managed processor's prop was given with `processor`. */
  MANAGED_PROCESSOR_OPTION = 'ChannelFlowManagedProcessorOption',
  /** A runtime is not Node.js 22 or newer. */
  INVALID_RUNTIME = 'ChannelFlowInvalidRuntime',
  /** `logGroup` and `logRetention` were both given. */
  LOG_GROUP_CONFLICT = 'ChannelFlowLogGroupConflict',
  /** `timeout` leaves no time for the callback (or is not whole seconds). */
  TIMEOUT_TOO_SHORT = 'ChannelFlowTimeoutTooShort',
  /** `timeout` is over Lambda's 15 minutes. */
  TIMEOUT_TOO_LONG = 'ChannelFlowTimeoutTooLong',
  /** `memorySize` is outside Lambda's 128-10,240 MiB. */
  INVALID_MEMORY_SIZE = 'ChannelFlowInvalidMemorySize',
  /** `reservedConcurrentExecutions` is not a whole number of 0 or more. */
  INVALID_RESERVED_CONCURRENCY = 'ChannelFlowInvalidReservedConcurrency',
  /** `maxEventAge` is outside 1 minute to 6 hours (or not whole seconds). */
  INVALID_MAX_EVENT_AGE = 'ChannelFlowInvalidMaxEventAge',
  /** `retryAttempts` is not 0, 1 or 2. */
  INVALID_RETRY_ATTEMPTS = 'ChannelFlowInvalidRetryAttempts',
  /** The policies break a rule of the policy language (the message names the prop and the rule). */
  INVALID_POLICY = 'ChannelFlowInvalidPolicy',
  /** A policy holds a token: policies must be known at synth time. */
  POLICY_TOKEN = 'ChannelFlowPolicyToken',
  /** A pattern is not one the linear-time engine runs. */
  INVALID_PATTERN = 'ChannelFlowInvalidPattern',
  /** `Condition.senderIn` names something other than a user or bot of the flow's app instance. */
  INVALID_SENDER_ARN = 'ChannelFlowInvalidSenderArn',
  /** `adminBearerArn` (or a bearer) is not a user or bot of the app instance. */
  INVALID_ADMIN_BEARER_ARN = 'ChannelFlowInvalidAdminBearerArn',
  /** `environment` sets a variable the processor reserves. */
  RESERVED_ENVIRONMENT = 'ChannelFlowReservedEnvironment',
  /** `vpcSubnets` or `securityGroups` was given without `vpc`. */
  VPC_OPTION = 'ChannelFlowVpcOption',
  /** `addAlarms` was called twice. */
  ALARMS_ALREADY_ADDED = 'ChannelFlowAlarmsAlreadyAdded',
  /** A metric was asked of a flow imported without its name. */
  NAME_UNKNOWN = 'ChannelFlowNameUnknown',
  /** `associateChannel` names something other than a channel of the flow's app instance. */
  INVALID_CHANNEL_ARN = 'ChannelFlowInvalidChannelArn',
  /** A pre-bundled handler is missing from the package (a source checkout not yet built). */
  HANDLER_BUNDLE_MISSING = 'ChannelFlowHandlerBundleMissing',
  /** A Comprehend score or threshold is not from 0 to 1. */
  INVALID_COMPREHEND_SCORE = 'ChannelFlowInvalidComprehendScore',
  /** `Condition.languageIn` was given no RFC 5646 language code. */
  INVALID_LANGUAGE_CODE = 'ChannelFlowInvalidLanguageCode',
  /** `processingHookTimeout` is out of bounds, or given without `processingHook`. */
  INVALID_PROCESSING_HOOK = 'ChannelFlowInvalidProcessingHook',
  /** `Condition.contentTypeIn` was given no content type, or an empty one. */
  INVALID_CONTENT_TYPE = 'ChannelFlowInvalidContentType',
  /** A push notification filter rule breaks the service's rules for one. */
  INVALID_FILTER_RULE = 'ChannelFlowInvalidFilterRule',
  /** The simulator was given an event the processor would refuse. */
  INVALID_EVENT = 'ChannelFlowInvalidEvent',
  /** The simulator needs Comprehend's answers it was not given. */
  COMPREHEND_ANSWERS_MISSING = 'ChannelFlowComprehendAnswersMissing',
  /** A member's push preferences pair a filter rule with other than FILTERED. */
  INVALID_MEMBER_PREFERENCES = 'ChannelFlowInvalidMemberPreferences',
}
