/**
 * The processing hook's contract: the JSON the managed processor sends a hook and the JSON it
 * takes back, as typed structs for every jsii language. Versioned (`PROCESSING_HOOK_VERSION`):
 * a field is only ever added, and a change of meaning takes a new version.
 */

/** The message as it arrived, as the processor read it. */
export interface ProcessingHookMessage {
  /** The message's id. */
  readonly messageId: string;
  /** The channel's ARN. */
  readonly channelArn: string;
  /**
   * The content.
   *
   * @default - none arrived
   */
  readonly content?: string;
  /**
   * The metadata.
   *
   * @default - none arrived
   */
  readonly metadata?: string;
  /**
   * The content type (`application/amz-chime-lex-msgs` for a bot's answer).
   *
   * @default - none arrived
   */
  readonly contentType?: string;
  /**
   * The sender's AppInstanceUser or AppInstanceBot ARN.
   *
   * @default - none arrived
   */
  readonly senderArn?: string;
  /**
   * The sender's name.
   *
   * @default - none arrived
   */
  readonly senderName?: string;
  /**
   * PERSISTENT or NON_PERSISTENT.
   *
   * @default - none arrived
   */
  readonly persistence?: string;
  /**
   * The sub-channel of an elastic channel.
   *
   * @default - none arrived
   */
  readonly subChannelId?: string;
  /**
   * The member a targeted message is for.
   *
   * @default - not a targeted message
   */
  readonly targetMemberArn?: string;
  /** The attributes it arrived with: name to values. */
  readonly attributes: { [name: string]: string[] };
  /** Whether the event is an update of a message sent earlier. */
  readonly edited: boolean;
}

/** A push notification, as the proposal has it or a hook gives it. */
export interface ProcessingHookPushNotification {
  /** The title, 1-50 characters (longer is cut, with an ellipsis). */
  readonly title: string;
  /** The body, 1-150 characters (longer is cut, with an ellipsis). */
  readonly body: string;
  /** DEFAULT or VOIP. */
  readonly type: string;
}

/** What the policy proposes for the message. */
export interface ProcessingHookProposal {
  /** `deliver` or `deny`. */
  readonly action: string;
  /**
   * The content it would deliver.
   *
   * @default - none (a denial, or a message without content)
   */
  readonly content?: string;
  /**
   * The metadata it would deliver.
   *
   * @default - none
   */
  readonly metadata?: string;
  /**
   * The attributes it would deliver: name to values.
   *
   * @default - none
   */
  readonly attributes?: { [name: string]: string[] };
  /**
   * The push notification it would send.
   *
   * @default - none
   */
  readonly pushNotification?: ProcessingHookPushNotification;
}

/** What the managed processor sends the hook for each message (the `event` of a Lambda handler). */
export interface ProcessingHookEvent {
  /** The contract's version, `PROCESSING_HOOK_VERSION`. */
  readonly version: number;
  /** The event's CallbackId: the same for a repeated delivery of the message. */
  readonly callbackId: string;
  /** The message as it arrived. */
  readonly message: ProcessingHookMessage;
  /** What the policy proposes. */
  readonly proposal: ProcessingHookProposal;
}

/** What a hook answers (its handler's return value). Answering nothing (`null`) keeps the proposal. */
export interface ProcessingHookResult {
  /**
   * The contract version the hook was written for.
   *
   * @default - the current one
   */
  readonly version?: number;
  /**
   * `keep` the proposal, `deny` the message, or `replace` the values given below. A message the
   * policy denied stays denied: only `keep` and `deny` are taken for it.
   *
   * @default keep
   */
  readonly action?: string;
  /**
   * With `replace`: the content, 1-4,096 characters (longer is cut).
   *
   * @default - the proposal's
   */
  readonly content?: string;
  /**
   * With `replace`: the metadata, at most 1,024 characters.
   *
   * @default - the proposal's
   */
  readonly metadata?: string;
  /**
   * With `replace`: the attributes, name to values, instead of the proposal's; fitted to 1 KB
   * as the policy's own are, the service's `CHIME.` attributes that arrived kept first.
   *
   * @default - the proposal's
   */
  readonly attributes?: { [name: string]: string[] };
  /**
   * With `replace`: the push notification.
   *
   * @default - the proposal's
   */
  readonly pushNotification?: ProcessingHookPushNotification;
  /**
   * With `replace`: send no push notification.
   *
   * @default false
   */
  readonly removePushNotification?: boolean;
}
