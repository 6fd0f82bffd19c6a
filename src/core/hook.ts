/**
 * The processing hook, pure: the event the processor sends a hook for a message and its
 * proposal, and what becomes of the hook's answer. The answer goes through the same checks and
 * fitting as the policy's own values, so no answer makes an invalid callback; one that is not
 * of the contract's shape is refused (HookAnswerError) and counts as the hook's failure.
 */
import { isBotContent } from './bot-content';
import { ChannelFlowCallbackRequest, Decision, denial, FittedField } from './decide';
import { ChannelMessageEvent } from './event';
import { AttributeRecord, fitAttributes, isServiceAttribute, sameAttributes } from './fit';
import { isJsonObject } from './json';
import { ELLIPSIS, LIMITS } from './limits';
import { fitWithin, isWellFormed, shortenWithEllipsis } from './text';
import type { ProcessingHookEvent, ProcessingHookPushNotification } from '../processing-hook';

/** The contract's version: the processor sends it, and takes an answer of it (or of none). */
export const PROCESSING_HOOK_VERSION = 1;

/** The hook answered something that is not the contract's: the message is answered by onError. */
export class HookAnswerError extends Error {
  public readonly name = 'HookAnswerError';
}

const valuesOf = (record: AttributeRecord | undefined) =>
  Object.fromEntries(Object.entries(record ?? {}).map(([name, v]) => [name, [...v.StringValues]]));

/** What the processor sends the hook: the message as it arrived, and the policy's proposal. */
export function hookEvent(event: ChannelMessageEvent, request: ChannelFlowCallbackRequest): ProcessingHookEvent {
  const m = event.message;
  const sent = request.ChannelMessage;
  const push = sent.PushNotification;
  return {
    version: PROCESSING_HOOK_VERSION,
    callbackId: event.callbackId,
    message: {
      messageId: m.messageId,
      channelArn: m.channelArn,
      ...(m.content !== undefined ? { content: m.content } : {}),
      ...(m.metadata !== undefined ? { metadata: m.metadata } : {}),
      ...(m.contentType !== undefined ? { contentType: m.contentType } : {}),
      ...(m.senderArn !== undefined ? { senderArn: m.senderArn } : {}),
      ...(m.senderName !== undefined ? { senderName: m.senderName } : {}),
      ...(m.persistence !== undefined ? { persistence: m.persistence } : {}),
      ...(m.subChannelId !== undefined ? { subChannelId: m.subChannelId } : {}),
      ...(m.targetMemberArn !== undefined ? { targetMemberArn: m.targetMemberArn } : {}),
      attributes: Object.fromEntries([...m.attributes].map(([name, values]) => [name, [...values]])),
      edited: m.edited,
    },
    proposal: request.DeleteResource ? { action: 'deny' } : {
      action: 'deliver',
      ...(sent.Content !== undefined ? { content: sent.Content } : {}),
      ...(sent.Metadata !== undefined ? { metadata: sent.Metadata } : {}),
      attributes: valuesOf(sent.MessageAttributes),
      ...(push ? { pushNotification: { title: push.Title, body: push.Body, type: push.Type } } : {}),
    },
  };
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || !isWellFormed(value)) throw new HookAnswerError(`${what} must be a non-empty string`);
  return value;
}

function attributesOf(value: unknown): Map<string, string[]> {
  if (!isJsonObject(value)) throw new HookAnswerError('attributes must be an object of string lists');
  const attributes = new Map<string, string[]>();
  for (const [name, values] of Object.entries(value)) {
    // The service reads these: a bot's invocation and session depend on them, and arrived ones are kept.
    if (isServiceAttribute(name)) throw new HookAnswerError('attributes the service reads (CHIME.) cannot be written by a hook');
    if (!isWellFormed(name)) throw new HookAnswerError('attribute names must be well-formed text');
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'string' && isWellFormed(v))) {
      throw new HookAnswerError('attributes must be an object of string lists');
    }
    attributes.set(name, values);
  }
  return attributes;
}

function pushOf(value: unknown): NonNullable<ChannelFlowCallbackRequest['ChannelMessage']['PushNotification']> {
  if (!isJsonObject(value)) throw new HookAnswerError('pushNotification must be an object');
  const push = value as Partial<ProcessingHookPushNotification>;
  if (push.type !== 'DEFAULT' && push.type !== 'VOIP') throw new HookAnswerError('pushNotification.type must be DEFAULT or VOIP');
  return {
    Title: shortenWithEllipsis(text(push.title, 'pushNotification.title'), LIMITS.pushTitleMaxChars, ELLIPSIS),
    Body: shortenWithEllipsis(text(push.body, 'pushNotification.body'), LIMITS.pushBodyMaxChars, ELLIPSIS),
    Type: push.type,
  };
}

/** The proposal's values replaced by the answer's, each fitted as the policy's own are. */
function replaced(event: ChannelMessageEvent, decision: Decision, answer: Record<string, unknown>): Decision {
  const proposal = decision.request.ChannelMessage;
  const fitted = new Set<FittedField>(decision.summary.fitted);
  const message: { -readonly [K in keyof typeof proposal]: (typeof proposal)[K] } = { ...proposal };
  if (answer.content !== undefined) {
    const content = text(answer.content, 'content');
    message.Content = fitWithin(content, LIMITS.contentMax, event.message.content ?? '');
    // A bot's structured content cut would be JSON no app can read.
    if (message.Content !== content && isBotContent(event.message)) throw new HookAnswerError('a bot\'s content must fit without being cut');
    if (message.Content !== content) fitted.add('Content');
  }
  if (answer.metadata !== undefined) {
    if (typeof answer.metadata !== 'string' || answer.metadata.length > LIMITS.metadataMaxChars || !isWellFormed(answer.metadata)) {
      throw new HookAnswerError(`metadata must be a string of at most ${LIMITS.metadataMaxChars} characters`);
    }
    message.Metadata = answer.metadata;
  }
  let attributesChanged = decision.summary.attributesChanged;
  if (answer.attributes !== undefined) {
    const written = attributesOf(answer.attributes);
    // The service's attributes as the policy left them (the policy may remove one, if allowed), not as they arrived.
    const service = Object.entries(proposal.MessageAttributes ?? {})
      .filter(([name]) => isServiceAttribute(name)).map(([name, value]) => [name, value.StringValues] as const);
    const fit = fitAttributes(new Map([...service, ...written]), new Set(written.keys()));
    if (fit.adjusted > 0) fitted.add('MessageAttributes');
    message.MessageAttributes = fit.record;
    attributesChanged = !sameAttributes(event.message.attributes, fit.record);
  }
  if (answer.removePushNotification === true) delete message.PushNotification;
  else if (answer.pushNotification !== undefined) message.PushNotification = pushOf(answer.pushNotification);
  return {
    request: { ...decision.request, ChannelMessage: message },
    summary: {
      ...decision.summary,
      attributesChanged,
      push: message.PushNotification ? 'sent' : decision.summary.push === 'sent' ? 'none' : decision.summary.push,
      fitted: [...fitted],
      hook: 'replace',
    },
  };
}

/**
 * The decision after the hook's answer: the proposal kept (an answer of nothing, or `keep`), the
 * message denied, or the proposal's values replaced. A message the policy denied stays denied.
 * Throws HookAnswerError for an answer that is not the contract's.
 */
export function applyHookResult(event: ChannelMessageEvent, decision: Decision, answer: unknown): Decision {
  if (answer === null || answer === undefined) return { ...decision, summary: { ...decision.summary, hook: 'keep' } };
  if (!isJsonObject(answer)) throw new HookAnswerError('the answer must be a JSON object or null');
  if (answer.version !== undefined && answer.version !== PROCESSING_HOOK_VERSION) {
    throw new HookAnswerError(`the answer is of contract version ${String(answer.version)}; this processor speaks ${PROCESSING_HOOK_VERSION}`);
  }
  const action = answer.action ?? 'keep';
  if (action === 'keep') return { ...decision, summary: { ...decision.summary, hook: 'keep' } };
  if (action === 'deny') {
    return {
      request: denial(event),
      summary: { ...decision.summary, action: 'deny', redactions: 0, attributesChanged: false, push: 'none', fitted: [], hook: 'deny' },
    };
  }
  if (action !== 'replace') throw new HookAnswerError('action must be keep, deny or replace');
  if (decision.request.DeleteResource) throw new HookAnswerError('a message the policy denied stays denied: only keep and deny are taken for it');
  return replaced(event, decision, answer);
}
