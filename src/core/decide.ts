/**
 * The decision function: what the processor answers for one message. Pure and deterministic:
 * the same event and policy always give the same request, and every request it returns
 * satisfies the limits of ChannelFlowCallback (see limits.ts).
 *
 * The steps, in order:
 * 1. moderation.deny, on the message as it arrived: if any condition holds, the message is denied;
 * 2. moderation.redact rewrites the content; every later step sees the redacted content;
 * 3. the attribute rules, in order, on top of the attributes the message arrived with;
 * 4. the first push rule that applies, its templates reading the attributes as the rules left
 *    them (before they are fitted to the API).
 * Values made at run time that would not fit the API are cut or left out by the rules
 * documented on each step below; what arrived and was not changed is echoed exactly.
 */
import { parse as parseLosslessJson } from 'lossless-json';
import { CompiledAttributeRule, CompiledPolicy, CompiledPushRule, CompiledRedaction } from './compile-policy';
import { MessageFacts } from './conditions';
import { applyRedactions } from './detectors';
import { PushNotificationTypeName } from './document';
import { ChannelMessageEvent } from './event';
import { AttributeRecord, fitAttributes, sameAttributes } from './fit';
import { ELLIPSIS, ID_PATTERN, LIMITS } from './limits';
import { CompiledPattern, MESSAGE_STEP_BUDGET, SEARCH_STEPS, StepBudget } from './pattern/vm';
import { renderTemplate, TemplateSource, TemplateValues } from './template';
import { codePointsWithin, fitWithin, isWellFormed, shortenWithEllipsis } from './text';

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

/**
 * What was left out or cut so that the API accepts the callback: a field of it, or
 * `MetadataValues`, values read from the metadata that are not well-formed text (an escaped lone
 * surrogate), which no field can carry.
 */
export type FittedField = 'Content' | 'MessageAttributes' | 'SubChannelId' | 'ContentType' | 'MetadataValues';

/** What was decided, for the log line and metrics: outcomes and counts, never message text. */
export interface DecisionSummary {
  readonly action: 'deliver' | 'deny';
  readonly redactions: number;
  readonly attributesChanged: boolean;
  readonly push: 'sent' | 'suppressed' | 'none';
  /** The policy could not be evaluated; the answer is the document's `onError`. */
  readonly policyError?: boolean;
  /** Fields of the callback whose values were left out or cut so that the API accepts them. */
  readonly fitted: readonly FittedField[];
}

export interface Decision {
  readonly request: ChannelFlowCallbackRequest;
  readonly summary: DecisionSummary;
}

/** A JSON number as its text in the metadata: its value is what was written, never a rounded double printed again. */
class NumberAsWritten {
  constructor(public readonly text: string) {}
}

/** The values of one key, and whether any was left out for not being well-formed text. */
export interface MetadataValues {
  readonly values: string[];
  readonly malformed: boolean;
}

/**
 * The values of a top-level key of JSON metadata: a string as it is, a number as written, a
 * boolean as text, a list of those as several values. Metadata that is not a JSON object, a
 * missing key, null, or a nested object yields no value; a string that is not well-formed text
 * (an escaped lone surrogate) is left out, since no callback field can carry it.
 */
export function metadataValues(metadata: Readonly<Record<string, unknown>> | undefined, key: string): MetadataValues {
  if (!metadata || !Object.prototype.hasOwnProperty.call(metadata, key)) return { values: [], malformed: false };
  const value = metadata[key];
  let malformed = false;
  const scalar = (v: unknown): string[] => {
    if (typeof v === 'string') {
      if (isWellFormed(v)) return [v];
      malformed = true;
      return [];
    }
    if (v instanceof NumberAsWritten) return [v.text];
    return typeof v === 'boolean' ? [String(v)] : [];
  };
  return { values: Array.isArray(value) ? value.flatMap(scalar) : scalar(value), malformed };
}

/**
 * The metadata as a JSON object, numbers kept as written (lossless-json). Metadata that is not
 * a JSON object yields none, and so does one that gives a key twice with different values,
 * where which was meant cannot be told.
 */
export function parseMetadata(metadata: string | undefined): Readonly<Record<string, unknown>> | undefined {
  if (!metadata) return undefined;
  try {
    const parsed: unknown = parseLosslessJson(metadata, null, (text) => new NumberAsWritten(text));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/** One message as the steps see it; the metadata is parsed at most once, and only when asked. */
class MessageView implements MessageFacts, TemplateValues {
  private parsedMetadata?: { value?: Readonly<Record<string, unknown>> };
  private currentContent: string;
  /** The attributes as the rules leave them; `written` names those a rule set. */
  public readonly attributes: Map<string, readonly string[]>;
  public readonly written = new Set<string>();
  public readonly senderArn?: string;
  public readonly persistence?: string;
  public readonly edited: boolean;
  public readonly budget = new StepBudget(MESSAGE_STEP_BUDGET);
  /** Whether a value read from the metadata was left out for not being well-formed text. */
  public metadataLeftOut = false;

  constructor(private readonly event: ChannelMessageEvent) {
    this.attributes = new Map(event.message.attributes);
    this.currentContent = event.message.content ?? '';
    this.senderArn = event.message.senderArn;
    this.persistence = event.message.persistence;
    this.edited = event.message.edited;
  }

  public content(): string {
    return this.currentContent;
  }

  public replaceContent(content: string): void {
    this.currentContent = content;
  }

  public metadata(key: string): string[] {
    this.parsedMetadata ??= { value: parseMetadata(this.event.message.metadata) };
    const { values, malformed } = metadataValues(this.parsedMetadata.value, key);
    if (malformed) this.metadataLeftOut = true;
    return values;
  }

  public attribute(name: string): readonly string[] {
    return this.attributes.get(name) ?? [];
  }

  public single(source: TemplateSource): string | undefined {
    const message = this.event.message;
    switch (source) {
      case 'content': return this.currentContent;
      case 'sender.name': return message.senderName;
      case 'sender.arn': return message.senderArn;
      case 'channel.arn': return message.channelArn;
      case 'message.id': return message.messageId;
    }
  }

  public keyed(source: 'metadata' | 'attributes', key: string): readonly string[] {
    return source === 'metadata' ? this.metadata(key) : this.attribute(key);
  }
}

/** The distinct values a pattern finds in the content: the first group where it took part, else the whole match. */
function contentValues(pattern: CompiledPattern, content: string, budget: StepBudget): string[] {
  const values = new Set<string>();
  for (const match of pattern.matchAll(content, budget)) {
    const value = match.group1 ?? content.slice(match.start, match.end);
    if (value) values.add(value);
  }
  return [...values];
}

function applyAttributeRule(view: MessageView, compiled: CompiledAttributeRule): void {
  if ('pattern' in compiled) return setValues(view, compiled.rule.name, contentValues(compiled.pattern, view.content(), view.budget));
  const rule = compiled.rule;
  switch (rule.op) {
    case 'remove':
      view.attributes.delete(rule.name);
      view.written.delete(rule.name);
      return undefined;
    case 'set': return setValues(view, rule.name, rule.values);
    case 'fromMetadata': return setValues(view, rule.name, view.metadata(rule.key));
    case 'fromSender': return setValues(view, rule.name, [view.single(rule.field === 'name' ? 'sender.name' : 'sender.arn') ?? ''].filter(Boolean));
  }
}

/** A source that yields nothing leaves the attribute as it was. */
function setValues(view: MessageView, name: string, values: readonly string[]): void {
  if (values.length === 0) return;
  view.attributes.set(name, values);
  view.written.add(name);
}

/**
 * Redacted content is cut (at a character boundary) only where it grew past both 4 KB and the
 * size of the content that arrived, in any unit the service may count (see text.ts fitWithin).
 */
function redact(view: MessageView, redactions: readonly CompiledRedaction[]): { count: number; cut: boolean } {
  const original = view.content();
  if (!original || redactions.length === 0) return { count: 0, cut: false };
  const found = redactions.flatMap((r, order) => r.find(original, view.budget).map((span) => ({ span, replacement: r.replacement, order })));
  // Merging the finds sorts them: charged like a search each, so that a policy of many
  // redactions finding thousands of spans stays within the budget's time.
  view.budget.spend(found.length * SEARCH_STEPS);
  if (found.length === 0) return { count: 0, cut: false };
  const redacted = applyRedactions(original, found);
  const fitted = fitWithin(redacted, LIMITS.contentMax, original);
  view.replaceContent(fitted);
  return { count: found.length, cut: fitted !== redacted };
}

/**
 * Push texts are cut to 50 (title) and 150 (body) characters at a character boundary, ending
 * in an ellipsis. A title or body that renders empty sends no push notification.
 */
function decidePush(view: MessageView, rules: readonly CompiledPushRule[]) {
  const rule = rules.find((r) => !r.when || r.when(view));
  if (!rule) return { outcome: 'none' as const };
  if (rule.action === 'suppress') return { outcome: 'suppressed' as const };
  const title = shortenWithEllipsis(renderTemplate(rule.title, view, LIMITS.pushTitleMaxChars), LIMITS.pushTitleMaxChars, ELLIPSIS);
  const body = shortenWithEllipsis(renderTemplate(rule.body, view, LIMITS.pushBodyMaxChars), LIMITS.pushBodyMaxChars, ELLIPSIS);
  if (!title || !body) return { outcome: 'none' as const };
  return { outcome: 'sent' as const, notification: { Title: title, Body: body, Type: rule.type } };
}

const echoableSubChannel = (id: string | undefined): id is string => id !== undefined && ID_PATTERN.test(id);
const echoableContentType = (type: string | undefined): type is string => type !== undefined && codePointsWithin(type, LIMITS.contentTypeMaxChars);

function subChannel(event: ChannelMessageEvent) {
  const id = event.message.subChannelId;
  return echoableSubChannel(id) ? { SubChannelId: id } : {};
}

/** Fields that arrived but that the callback cannot echo, so they are left out. */
function leftOut(event: ChannelMessageEvent, deny: boolean): FittedField[] {
  const { subChannelId, contentType } = event.message;
  return [
    ...(subChannelId !== undefined && !echoableSubChannel(subChannelId) ? ['SubChannelId' as const] : []),
    ...(!deny && contentType !== undefined && !echoableContentType(contentType) ? ['ContentType' as const] : []),
  ];
}

/** Denies the message: it is delivered to nobody. */
function denial(event: ChannelMessageEvent): ChannelFlowCallbackRequest {
  return {
    CallbackId: event.callbackId,
    ChannelArn: event.message.channelArn,
    DeleteResource: true,
    ChannelMessage: { MessageId: event.message.messageId, ...subChannel(event) },
  };
}

/**
 * The message as it arrived, with `attributes` (fitted) and `changes`. Content and metadata
 * are echoed: which omitted fields the service keeps is not documented. An empty attribute map
 * is sent only to clear attributes the message arrived with.
 */
function delivery(event: ChannelMessageEvent, attributes: AttributeRecord,
  changes: Partial<ChannelFlowCallbackRequest['ChannelMessage']>): ChannelFlowCallbackRequest {
  const message = event.message;
  const sendAttributes = message.attributes.size > 0 || Object.keys(attributes).length > 0;
  return {
    CallbackId: event.callbackId,
    ChannelArn: message.channelArn,
    ChannelMessage: {
      MessageId: message.messageId,
      ...(message.content ? { Content: message.content } : {}),
      ...(message.metadata !== undefined ? { Metadata: message.metadata } : {}),
      ...(sendAttributes ? { MessageAttributes: attributes } : {}),
      ...subChannel(event),
      ...(echoableContentType(message.contentType) ? { ContentType: message.contentType } : {}),
      ...changes,
    },
  };
}

function evaluate(event: ChannelMessageEvent, policy: CompiledPolicy): Decision {
  const view = new MessageView(event);
  if (policy.deny.some((condition) => condition(view))) {
    return { request: denial(event), summary: { action: 'deny', redactions: 0, attributesChanged: false, push: 'none', fitted: leftOut(event, true) } };
  }
  const redaction = redact(view, policy.redact);
  for (const rule of policy.messageAttributes) {
    if (!rule.when || rule.when(view)) applyAttributeRule(view, rule);
  }
  const attributes = fitAttributes(view.attributes, view.written);
  const push = decidePush(view, policy.pushNotification);
  const request = delivery(event, attributes.record, {
    ...(redaction.count > 0 ? { Content: view.content() } : {}),
    ...(push.notification ? { PushNotification: push.notification } : {}),
  });
  const fitted = [
    ...(redaction.cut ? ['Content' as const] : []),
    ...(attributes.adjusted > 0 ? ['MessageAttributes' as const] : []),
    ...leftOut(event, false),
    ...(view.metadataLeftOut ? ['MetadataValues' as const] : []),
  ];
  return {
    request,
    summary: {
      action: 'deliver',
      redactions: redaction.count,
      attributesChanged: !sameAttributes(event.message.attributes, attributes.record),
      push: push.outcome,
      fitted,
    },
  };
}

/**
 * The one ChannelFlowCallback request that answers `event` under `policy`. Should the policy
 * fail to evaluate, the answer is the document's `onError`: the message delivered as it
 * arrived, or denied (when moderation is configured, so that nothing escapes it).
 */
export function decide(event: ChannelMessageEvent, policy: CompiledPolicy): Decision {
  try {
    return evaluate(event, policy);
  } catch {
    const deny = policy.document.onError === 'deny';
    const attributes = fitAttributes(event.message.attributes, new Set());
    return {
      request: deny ? denial(event) : delivery(event, attributes.record, {}),
      summary: {
        action: deny ? 'deny' : 'deliver',
        redactions: 0,
        attributesChanged: !deny && !sameAttributes(event.message.attributes, attributes.record),
        push: 'none',
        policyError: true,
        fitted: [...(!deny && attributes.adjusted > 0 ? ['MessageAttributes' as const] : []), ...leftOut(event, deny)],
      },
    };
  }
}
