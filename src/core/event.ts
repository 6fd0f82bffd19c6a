/**
 * The event the service sends to a channel flow processor, and the check that turns an
 * unknown value into one the decision function can rely on.
 */
import { epochMilliseconds } from './epoch';
import { isJsonObject, JsonObject } from './json';
import { CHANNEL_ARN_PATTERN, CHIME_ARN_PATTERN, ID_PATTERN, LIMITS } from './limits';
import { codePointLength, codePointsWithin } from './text';

export type AttributeMap = ReadonlyMap<string, readonly string[]>;

export interface ChannelMessageEvent {
  readonly callbackId: string;
  readonly message: {
    readonly messageId: string;
    readonly channelArn: string;
    readonly content?: string;
    readonly metadata?: string;
    readonly senderArn?: string;
    readonly senderName?: string;
    readonly persistence?: string;
    readonly subChannelId?: string;
    readonly contentType?: string;
    /** The member a targeted message is for (its `Target`), when the event carries one. */
    readonly targetMemberArn?: string;
    /** The attributes the message arrived with; entries of the wrong shape are left out. */
    readonly attributes: AttributeMap;
    /** True when the event is an update of an existing message (its LastEditedTimestamp differs from CreatedTimestamp). */
    readonly edited: boolean;
  };
}

export type EventCheck =
  | { readonly ok: true; readonly event: ChannelMessageEvent }
  /** `reason` names the field at fault, never its value. `callbackId` is there when the event carried a valid one. */
  | { readonly ok: false; readonly reason: string; readonly callbackId?: string; readonly messageId?: string };


function optionalString(source: JsonObject, field: string): string | undefined | false {
  const value = source[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : false;
}

/** A field that only feeds conditions and templates: of the wrong type, it is taken as absent. */
function conditionString(source: JsonObject | undefined, field: string): string | undefined {
  const value = source?.[field];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A timestamp as milliseconds since the epoch, from either form the service may send: an ISO
 * 8601 string, or epoch seconds or milliseconds as a number or a string of digits. Only the
 * comparison of the two timestamps matters (is the message edited?), so both forms meet here.
 * `undefined` when absent; `false` when of another type; a string that is not a date is
 * returned as it is, and compared as text. Of another type, it is taken as absent: it only
 * tells an edit from a new message.
 */
function instant(source: JsonObject, field: string): number | string | undefined {
  const value = source[field];
  const numeric = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
  if (numeric !== undefined && Number.isFinite(numeric)) return epochMilliseconds(numeric);
  if (typeof value !== 'string') return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? value : parsed;
}

/** The member of a targeted message: `Target` is a list of one `{ MemberArn }` (it only feeds conditions, so anything else is none). */
function targetOf(value: unknown): string | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return isJsonObject(first) && typeof first.MemberArn === 'string' ? first.MemberArn : undefined;
}

function attributesOf(value: unknown): AttributeMap {
  // A Map, so that names such as `__proto__` or `toString` are names like any other.
  const attributes = new Map<string, readonly string[]>();
  if (!isJsonObject(value)) return attributes;
  for (const [key, entry] of Object.entries(value)) {
    const values = isJsonObject(entry) ? entry.StringValues : undefined;
    if (Array.isArray(values) && values.every((v) => typeof v === 'string')) attributes.set(key, values as string[]);
  }
  return attributes;
}

/**
 * Checks that `input` is a channel message event this processor can answer: every field the
 * callback echoes is held to the API model's constraints (its pattern, and its length counted
 * in code points, as the model counts), so an event the callback could not answer validly sends
 * nothing. A field that only feeds conditions (the sender, the timestamps, the persistence) is
 * taken as absent when it has the wrong type.
 */
export function checkEvent(input: unknown): EventCheck {
  if (!isJsonObject(input)) return { ok: false, reason: 'the event is not a JSON object' };
  const callbackIdLength = typeof input.CallbackId === 'string' ? codePointLength(input.CallbackId) : -1;
  const callbackId = typeof input.CallbackId === 'string'
    && callbackIdLength >= LIMITS.callbackIdMinChars
    && callbackIdLength <= LIMITS.callbackIdMaxChars ? input.CallbackId : undefined;
  const message = input.ChannelMessage;
  const messageId = isJsonObject(message) && typeof message.MessageId === 'string' && ID_PATTERN.test(message.MessageId)
    ? message.MessageId : undefined;
  const fail = (reason: string): EventCheck => ({ ok: false, reason, callbackId, messageId });

  if (input.EventType !== 'CHANNEL_MESSAGE_EVENT') return fail('EventType is not CHANNEL_MESSAGE_EVENT');
  if (callbackId === undefined) {
    return fail(`CallbackId is not a string of ${LIMITS.callbackIdMinChars}-${LIMITS.callbackIdMaxChars} characters`);
  }
  if (!isJsonObject(message)) return fail('ChannelMessage is not an object');
  if (messageId === undefined) return fail('ChannelMessage.MessageId is not 1-128 characters of [-_a-zA-Z0-9]');
  const channelArn = message.ChannelArn;
  if (typeof channelArn !== 'string' || !codePointsWithin(channelArn, LIMITS.channelArnMaxChars)
    || !CHIME_ARN_PATTERN.test(channelArn) || !CHANNEL_ARN_PATTERN.test(channelArn)) {
    return fail('ChannelMessage.ChannelArn is not a channel ARN the callback accepts');
  }
  if (message.Type !== undefined && message.Type !== null && message.Type !== 'STANDARD') return fail('ChannelMessage.Type is not STANDARD');

  const fields: Record<string, string | undefined> = {};
  for (const field of ['Content', 'Metadata', 'SubChannelId', 'ContentType']) {
    const value = optionalString(message, field);
    if (value === false) return fail(`ChannelMessage.${field} is not a string`);
    fields[field] = value;
  }
  // Metadata is echoed whole in the callback, and cutting it would corrupt it (it is often JSON):
  // metadata the callback cannot carry leaves no faithful answer. What arrived passed the
  // service's own limit in whatever unit it counts; it is over in every unit only when it is
  // over in code points, the smallest count.
  if (fields.Metadata !== undefined && !codePointsWithin(fields.Metadata, LIMITS.metadataMaxChars)) {
    return fail(`ChannelMessage.Metadata is over ${LIMITS.metadataMaxChars} characters, more than a callback can echo`);
  }
  const created = instant(message, 'CreatedTimestamp');
  const edited = instant(message, 'LastEditedTimestamp');
  const sender = isJsonObject(message.Sender) ? message.Sender : undefined;

  return {
    ok: true,
    event: {
      callbackId,
      message: {
        messageId,
        channelArn,
        content: fields.Content,
        metadata: fields.Metadata,
        senderArn: conditionString(sender, 'Arn'),
        senderName: conditionString(sender, 'Name'),
        persistence: conditionString(message, 'Persistence'),
        subChannelId: fields.SubChannelId,
        contentType: fields.ContentType,
        targetMemberArn: targetOf(message.Target),
        attributes: attributesOf(message.MessageAttributes),
        // An edit only when both instants are known and differ: a malformed one tells nothing.
        edited: created !== undefined && edited !== undefined && edited !== created,
      },
    },
  };
}
