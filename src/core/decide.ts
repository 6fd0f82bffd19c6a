/**
 * The decision function: what the processor answers for one message. Pure and deterministic:
 * the same event and policy always give the same request, and every request it returns
 * satisfies the limits of ChannelFlowCallback (see limits.ts). Run-time values that would not
 * fit are cut or left out by the rules documented on each step below.
 */
import { AttributeRuleDocument, PolicyDocument, PushNotificationTypeName } from './document';
import { AttributeMap, ChannelMessageEvent } from './event';
import { ELLIPSIS, ID_PATTERN, LIMITS } from './limits';
import { parseTemplate, renderTemplate, TemplatePart, TemplateSource, TemplateValues } from './template';
import { cutToUnits, shortenWithEllipsis, utf8Length } from './text';
import { assertPolicyDocument } from './validate';

/** The ChannelFlowCallback request, in the shape of the API (and of the AWS SDK's command input). */
export interface ChannelFlowCallbackRequest {
  readonly CallbackId: string;
  readonly ChannelArn: string;
  readonly DeleteResource?: boolean;
  readonly ChannelMessage: {
    readonly MessageId: string;
    readonly Content?: string;
    readonly Metadata?: string;
    readonly PushNotification?: { readonly Title: string; readonly Body: string; readonly Type: PushNotificationTypeName };
    readonly MessageAttributes?: AttributeRecord;
    readonly SubChannelId?: string;
    readonly ContentType?: string;
  };
}

/** What was decided, for the log line: names and counts, never message text. */
export interface DecisionSummary {
  readonly action: 'deliver';
  readonly attributesChanged: boolean;
  readonly push: 'sent' | 'suppressed' | 'none';
}

export interface Decision {
  readonly request: ChannelFlowCallbackRequest;
  readonly summary: DecisionSummary;
}

type CompiledPushRule =
  | { readonly action: 'send'; readonly title: readonly TemplatePart[]; readonly body: readonly TemplatePart[]; readonly type: PushNotificationTypeName }
  | { readonly action: 'suppress' };

/** A policy document checked and prepared once (templates parsed), ready for any number of messages. */
export interface CompiledPolicy {
  readonly document: PolicyDocument;
  readonly attributes: readonly AttributeRuleDocument[];
  readonly push: readonly CompiledPushRule[];
}

export function compilePolicy(document: unknown): CompiledPolicy {
  const checked = assertPolicyDocument(document);
  const parts = (template: string) => {
    const parsed = parseTemplate(template);
    if (!parsed.ok) throw new Error(parsed.error); // unreachable: the validator parsed it already
    return parsed.parts;
  };
  return {
    document: checked,
    attributes: checked.attributes,
    push: checked.push.map((rule) => rule.action === 'send'
      ? { action: 'send', title: parts(rule.title), body: parts(rule.body), type: rule.type }
      : rule),
  };
}

/**
 * The values of a top-level key of JSON metadata: a string as it is, a number or boolean as
 * text, a list of those as several values. Metadata that is not a JSON object, a missing key,
 * null, or a nested object yields no value.
 */
export function metadataValues(metadata: Readonly<Record<string, unknown>> | undefined, key: string): string[] {
  if (!metadata || !Object.prototype.hasOwnProperty.call(metadata, key)) return [];
  const value = metadata[key];
  const scalar = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [String(v)] : []);
  return Array.isArray(value) ? value.flatMap(scalar) : scalar(value);
}

function parseMetadata(metadata: string | undefined): Readonly<Record<string, unknown>> | undefined {
  if (!metadata) return undefined;
  try {
    const parsed: unknown = JSON.parse(metadata);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/** Read access to one message for rules and templates; the metadata is parsed at most once, and only when asked. */
class MessageView implements TemplateValues {
  private parsedMetadata?: { value?: Readonly<Record<string, unknown>> };
  /** The attributes as the rules leave them; `written` names those a rule set. */
  public readonly attributes: Map<string, readonly string[]>;
  public readonly written = new Set<string>();

  constructor(private readonly event: ChannelMessageEvent) {
    this.attributes = new Map(event.message.attributes);
  }

  public metadata(key: string): string[] {
    this.parsedMetadata ??= { value: parseMetadata(this.event.message.metadata) };
    return metadataValues(this.parsedMetadata.value, key);
  }

  public single(source: TemplateSource): string | undefined {
    const message = this.event.message;
    switch (source) {
      case 'content': return message.content;
      case 'sender.name': return message.senderName;
      case 'sender.arn': return message.senderArn;
      case 'channel.arn': return message.channelArn;
      case 'message.id': return message.messageId;
    }
  }

  public keyed(source: 'metadata' | 'attributes', key: string): readonly string[] {
    return source === 'metadata' ? this.metadata(key) : this.attributes.get(key) ?? [];
  }
}

function applyAttributeRule(view: MessageView, rule: AttributeRuleDocument): void {
  let values: readonly string[] = [];
  switch (rule.op) {
    case 'remove':
      view.attributes.delete(rule.name);
      view.written.delete(rule.name);
      return;
    case 'set':
      values = rule.values;
      break;
    case 'fromMetadata':
      values = view.metadata(rule.key);
      break;
    case 'fromSender':
      values = [view.single(rule.field === 'name' ? 'sender.name' : 'sender.arn') ?? ''].filter(Boolean);
      break;
  }
  // A source that yields nothing leaves the attribute as it was.
  if (values.length > 0) {
    view.attributes.set(rule.name, values);
    view.written.add(rule.name);
  }
}

export type AttributeRecord = Record<string, { StringValues: string[] }>;

/**
 * Makes the attributes fit the API. Those a rule wrote come first, in rule order: a name
 * outside 1-64 characters is left out, each value is cut to 512 characters (at a character
 * boundary) and an empty one left out, and an attribute that would take the total of names
 * and values over 1 KB (UTF-8) is left out. Then the attributes the message arrived with,
 * exactly as they arrived (the service accepted them), as many as still fit in the total: a
 * client cannot push out what the policy sets. When no rule wrote any, they all stay.
 */
export function fitAttributes(attributes: ReadonlyMap<string, readonly string[]>, written: ReadonlySet<string>): AttributeRecord {
  // No prototype: an attribute may be called `__proto__`.
  const fitted: AttributeRecord = Object.create(null);
  let total = 0;
  const place = (name: string, values: string[]) => {
    const size = utf8Length(name) + values.reduce((sum, value) => sum + utf8Length(value), 0);
    if (written.size > 0 && total + size > LIMITS.attributesMaxBytes) return;
    total += size;
    fitted[name] = { StringValues: values };
  };
  for (const name of written) {
    const values = (attributes.get(name) ?? []).map((value) => cutToUnits(value, LIMITS.attributeValueMaxChars)).filter((value) => value.length > 0);
    if (name.length >= 1 && name.length <= LIMITS.attributeKeyMaxChars && values.length > 0) place(name, values);
  }
  for (const [name, values] of attributes) {
    if (!written.has(name)) place(name, [...values]);
  }
  return fitted;
}

function sameAttributes(a: AttributeMap, b: AttributeRecord): boolean {
  const bKeys = Object.keys(b);
  return a.size === bKeys.length && bKeys.every((key) => {
    const values = a.get(key);
    return values !== undefined && values.length === b[key].StringValues.length && values.every((v, i) => v === b[key].StringValues[i]);
  });
}

/**
 * Push texts are cut to 50 (title) and 150 (body) characters at a character boundary, ending
 * in an ellipsis. A title or body that renders empty sends no push notification.
 */
function decidePush(view: MessageView, rules: readonly CompiledPushRule[]) {
  const rule = rules[0];
  if (!rule) return { outcome: 'none' as const };
  if (rule.action === 'suppress') return { outcome: 'suppressed' as const };
  const title = shortenWithEllipsis(renderTemplate(rule.title, view), LIMITS.pushTitleMaxChars, ELLIPSIS);
  const body = shortenWithEllipsis(renderTemplate(rule.body, view), LIMITS.pushBodyMaxChars, ELLIPSIS);
  if (!title || !body) return { outcome: 'none' as const };
  return { outcome: 'sent' as const, notification: { Title: title, Body: body, Type: rule.type } };
}

/** The one ChannelFlowCallback request that answers `event` under `policy`. */
export function decide(event: ChannelMessageEvent, policy: CompiledPolicy): Decision {
  const message = event.message;
  const view = new MessageView(event);
  for (const rule of policy.attributes) applyAttributeRule(view, rule);
  const attributes = fitAttributes(view.attributes, view.written);
  const attributesChanged = !sameAttributes(message.attributes, attributes);
  const push = decidePush(view, policy.push);
  const arrivedWithAttributes = message.attributes.size > 0;

  const request: ChannelFlowCallbackRequest = {
    CallbackId: event.callbackId,
    ChannelArn: message.channelArn,
    ChannelMessage: {
      MessageId: message.messageId,
      // Content and metadata are echoed exactly as they arrived (the service accepted them):
      // which omitted fields the service keeps is not documented.
      ...(message.content ? { Content: message.content } : {}),
      ...(message.metadata !== undefined ? { Metadata: message.metadata } : {}),
      ...(push.notification ? { PushNotification: push.notification } : {}),
      // An empty map is sent only to clear attributes the message arrived with.
      ...(Object.keys(attributes).length > 0 || arrivedWithAttributes ? { MessageAttributes: attributes } : {}),
      ...(message.subChannelId && ID_PATTERN.test(message.subChannelId) ? { SubChannelId: message.subChannelId } : {}),
      ...(message.contentType !== undefined && message.contentType.length <= LIMITS.contentTypeMaxChars
        ? { ContentType: message.contentType } : {}),
    },
  };
  return { request, summary: { action: 'deliver', attributesChanged, push: push.outcome } };
}
