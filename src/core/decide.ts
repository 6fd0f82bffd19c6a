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
import { isBotContent, rewriteStringValues } from './bot-content';
import { CompiledAttributeRule, CompiledPolicy, CompiledPushRule, CompiledRedaction } from './compile-policy';
import { ComprehendAnswers } from './comprehend';
import { applyRedactions } from './detectors';
import { PushNotificationTypeName } from './document';
import { ChannelMessageEvent } from './event';
import { AttributeRecord, fitAttributes, sameAttributes } from './fit';
import { ELLIPSIS, ID_PATTERN, LIMITS } from './limits';
import { MessageView } from './message-view';
import { CompiledPattern, SEARCH_STEPS, StepBudget } from './pattern/vm';
import { renderTemplate } from './template';
import { codePointsWithin, fitWithin, shortenWithEllipsis } from './text';

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
  /** What the processing hook answered, for a flow with one: `failed` when it could not, and onError answered. */
  readonly hook?: 'keep' | 'deny' | 'replace' | 'failed';
}

export interface Decision {
  readonly request: ChannelFlowCallbackRequest;
  readonly summary: DecisionSummary;
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
    case 'fromDominantLanguage': return setValues(view, rule.name, [view.dominantLanguage() ?? ''].filter(Boolean));
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
  const structured = isBotContent(view) ? redactBotContent(view, redactions) : undefined;
  if (structured) return structured;
  const found = redactions.flatMap((r, order) => r.find(original, view, order));
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
 * A bot's JSON content: each text value redacted on its own (bot-content.ts), so it stays JSON
 * of the same structure; undefined for a bot's content that is not JSON, redacted as text.
 * Comprehend's PII entities are placed in the whole content, not in one value, so they are not
 * applied to it. JSON that gives a key twice, and rewritten content that would have to be cut to
 * fit (replacements longer than what they replace), cannot be sent faithfully: the policy
 * fails, and its onError answers.
 */
function redactBotContent(view: MessageView, redactions: readonly CompiledRedaction[]): { count: number; cut: boolean } | undefined {
  const original = view.content();
  let count = 0;
  const rewritten = rewriteStringValues(original, (value) => {
    const found = redactions.flatMap((r, order) => (r.wholeContent ? [] : r.find(value, view, order)));
    view.budget.spend(found.length * SEARCH_STEPS);
    count += found.length;
    return found.length > 0 ? applyRedactions(value, found) : value;
  });
  if (rewritten === undefined) return undefined;
  if (count === 0) return { count: 0, cut: false };
  if (fitWithin(rewritten, LIMITS.contentMax, original) !== rewritten) throw new Error('redacted bot content would have to be cut');
  view.replaceContent(rewritten);
  return { count, cut: false };
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
export function denial(event: ChannelMessageEvent): ChannelFlowCallbackRequest {
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

/**
 * Whether a deny condition holds. One that holds denies the message even when another could not
 * be evaluated (an answer missing, the step budget spent): any of them is enough. Only when
 * none holds does such a failure make the decision onError.
 */
function denies(policy: CompiledPolicy, view: MessageView): boolean {
  let failure: { error: unknown } | undefined;
  for (const deny of policy.deny) {
    try {
      if (deny.holds(view)) return true;
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
  return false;
}

function evaluate(event: ChannelMessageEvent, policy: CompiledPolicy, answers: ComprehendAnswers): Decision {
  const view = new MessageView(event, answers, policy.document.comprehend);
  if (denies(policy, view)) {
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
 * The one ChannelFlowCallback request that answers `event` under `policy`, given Comprehend's
 * `answers` for the rules that need them (see comprehend-plan.ts for which). Should the policy
 * fail to evaluate (an answer missing or malformed among the causes), the answer is the
 * document's `onError`.
 */
export function decide(event: ChannelMessageEvent, policy: CompiledPolicy, answers: ComprehendAnswers = {}): Decision {
  try {
    return evaluate(event, policy, answers);
  } catch {
    return decideOnError(event, policy);
  }
}

/**
 * The answer when the policy cannot be evaluated for `event`: the message delivered as it
 * arrived, or denied (when moderation is configured, so that nothing escapes it).
 */
export function decideOnError(event: ChannelMessageEvent, policy: CompiledPolicy): Decision {
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
