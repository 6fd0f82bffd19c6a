/**
 * The service limits this library builds on, in one place: those of the ChannelFlowCallback API
 * reference (ChannelMessageCallback, PushNotificationConfiguration, MessageAttributeValue) and of
 * the CreateChannelFlow name.
 *
 * Lengths named `...Chars` are counted in UTF-16 code units, the unit JavaScript strings use,
 * for what the processor writes: a string within N code units is also within N Unicode code
 * points, so the count is safe whichever of the two the service applies. What arrived and is
 * echoed as it arrived is measured in code points: the service accepted it in whatever unit it
 * counts, so it is over a limit in every unit only when it is over in code points.
 */
export const LIMITS = {
  callbackIdMinChars: 32,
  callbackIdMaxChars: 64,
  channelArnMaxChars: 1600,
  messageIdMaxChars: 128,
  subChannelIdMaxChars: 128,
  contentTypeMaxChars: 45,
  /**
   * A STANDARD message holds at most 4 KB of content. Which unit the service counts is not
   * documented, so content the processor writes stays within this in UTF-16 code units, code
   * points and UTF-8 bytes alike, or within what arrived where that was more (see text.ts fitWithin).
   */
  contentMax: 4096,
  metadataMaxChars: 1024,
  pushTitleMaxChars: 50,
  pushBodyMaxChars: 150,
  attributeKeyMaxChars: 64,
  attributeValueMaxChars: 512,
  /** All keys and values of a message's attributes together, counted here in UTF-8 bytes. */
  attributesMaxBytes: 1024,
  channelFlowNameMaxChars: 256,
} as const;

/**
 * The limits of the Lambda function the managed processor runs as (CreateFunction and
 * PutFunctionEventInvokeConfig), checked at synth so that a bad prop fails `cdk synth` naming
 * this construct's prop rather than the deployment.
 */
export const LAMBDA_LIMITS = {
  timeoutMaxSeconds: 900,
  memoryMinMiB: 128,
  memoryMaxMiB: 10240,
  maxEventAgeMinSeconds: 60,
  maxEventAgeMaxSeconds: 21600,
} as const;

/** The limits of a member's push notification filter rule (its FilterRule, PutChannelMembershipPreferences). */
export const FILTER_RULE_LIMITS = {
  /** The rule's JSON, in UTF-8 bytes. */
  maxBytes: 2048,
  /** Branches of one `$or`. */
  maxOrBranches: 5,
  /** Attribute keys plus values, counted over the whole rule. */
  maxComplexity: 20,
  attributeNameMaxChars: LIMITS.attributeKeyMaxChars,
  valueMaxChars: LIMITS.attributeValueMaxChars,
} as const;

/** `[-_a-zA-Z0-9]*` with the 1-128 length: MessageId and SubChannelId. */
export const ID_PATTERN = /^[-_a-zA-Z0-9]{1,128}$/;

/**
 * The API model's ChimeArn (ChannelFlowCallback's ChannelArn): a full match in Java's regular
 * expressions, where `.` is any code point but a line terminator, so the resource part after
 * the fifth colon is at most 1,024 code points on one line.
 */
export const CHIME_ARN_PATTERN = /^arn:[a-z0-9-.]{1,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[^/][^\n\r\u0085\u2028\u2029]{0,1023}$/u;

/** The ARN of an app instance channel, as the service puts it in an event. */
export const CHANNEL_ARN_PATTERN = /^arn:[a-z0-9-]+:chime:[a-z0-9-]+:\d{12}:app-instance\/[^/]+\/channel\/[^/]+$/;

/** The ARN of an app instance, as `appInstanceArn` must be when it is known at synth time. */
export const APP_INSTANCE_ARN_PATTERN = /^arn:[a-z0-9-]+:chime:[a-z0-9-]+:\d{12}:app-instance\/[-a-zA-Z0-9]+$/;

/** The ARN of an AppInstanceUser or AppInstanceBot: who can send a message, and so what `senderIn` can name. */
export const SENDER_ARN_PATTERN = /^arn:[a-z0-9-]+:chime:[a-z0-9-]+:\d{12}:app-instance\/[^/\s]+\/(user|bot)\/[^/\s]+$/;

/** The ARN of an AppInstanceBot: a sender that is a bot. */
export const BOT_ARN_PATTERN = /^arn:[a-z0-9-]+:chime:[a-z0-9-]+:\d{12}:app-instance\/[^/\s]+\/bot\/[^/\s]+$/;

/** The API model's NonEmptyResourceName (CreateChannelFlow's Name): no control character but tab, line feed and carriage return. */
export const RESOURCE_NAME_PATTERN = /^[\t\n\r\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+$/u;

/** Placeholder text appended to push texts cut to fit their limit. */
export const ELLIPSIS = '\u2026';
/** A channel flow ARN, as `ChannelFlow.fromChannelFlowArn` takes it. */
export const CHANNEL_FLOW_ARN_PATTERN = /^arn:[^:]+:chime:[^:]+:\d{12}:app-instance\/[^/]+\/channel-flow\/[^/]+$/;

/** The limits of a custom resource's answer to CloudFormation (the JSON body PUT to the response URL). */
export const CUSTOM_RESOURCE_LIMITS = {
  /** The whole response body, in bytes. */
  responseMaxBytes: 4096,
} as const;
