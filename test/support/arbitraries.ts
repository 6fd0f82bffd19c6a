import * as fc from 'fast-check';
import { patternOf } from './patterns';
import { AttributeRuleDocument, ConditionDocument, POLICY_DOCUMENT_VERSION, PolicyDocument, PushRuleDocument, RedactionDocument } from '../../src/core/document';

/** Text of any Unicode, emoji and other astral characters included, sometimes long. */
export const text = (maxLength: number) => fc.oneof(
  fc.string({ unit: 'grapheme', maxLength }),
  fc.string({ unit: fc.constantFrom('a', 'é', '😀', '中', ' ', '\u200d'), maxLength }),
);

const id = fc.stringMatching(/^[-_a-zA-Z0-9]{1,128}$/);
const name = fc.oneof(fc.constantFrom('priority', 'source', 'client', 'senderName', 'mentions'), fc.string({ minLength: 1, maxLength: 64 }));

/** Attributes as the service accepts them: names of 1-64 and values of 1-512 characters, 1 KB in all. */
const attributeValue = text(200).filter((v) => v.length > 0 && v.length <= 512);
const attributesSize = (map: Record<string, { StringValues: string[] }>) => Object.entries(map)
  .reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + v.StringValues.reduce((s2, x) => s2 + Buffer.byteLength(x), 0), 0);
const attributes = fc.dictionary(name, fc.record({ StringValues: fc.array(attributeValue, { minLength: 1, maxLength: 3 }) }), { maxKeys: 4 })
  .filter((map) => attributesSize(map) <= 1024);

const metadata = fc.oneof(
  text(1024),
  fc.dictionary(fc.constantFrom('priority', 'topic', 'mentions', 'x'),
    fc.oneof(text(700), fc.integer(), fc.boolean(), fc.constant(null), fc.array(text(300), { maxLength: 4 }), fc.object({ maxDepth: 1 })))
    // Cut to 1,024 units, never inside a surrogate pair: the service sends well-formed text.
    .map((m) => JSON.stringify(m).slice(0, 1024).replace(/[\uD800-\uDBFF]$/, '')),
);

/** A well-formed channel message event as the service could send it. */
export const channelMessageEvent = fc.record({
  EventType: fc.constant('CHANNEL_MESSAGE_EVENT'),
  CallbackId: fc.stringMatching(/^[0-9a-f]{32,64}$/),
  ChannelMessage: fc.record({
    MessageId: id,
    ChannelArn: fc.constant('arn:aws:chime:us-east-1:111122223333:app-instance/app-1/channel/ch-1'),
    Content: fc.option(text(4096).map((s) => Buffer.from(s).subarray(0, 4096).toString('utf8').replace(/\uFFFD$/, '')), { nil: undefined }),
    Metadata: fc.option(metadata, { nil: undefined }),
    Sender: fc.option(fc.record({ Arn: fc.constant('arn:aws:chime:us-east-1:111122223333:app-instance/app-1/user/u'), Name: fc.option(text(200), { nil: undefined }) }), { nil: undefined }),
    Persistence: fc.constantFrom('PERSISTENT', 'NON_PERSISTENT'),
    Type: fc.constant('STANDARD'),
    MessageAttributes: fc.option(attributes, { nil: undefined }),
    SubChannelId: fc.option(id, { nil: undefined }),
    ContentType: fc.option(fc.string({ maxLength: 45 }), { nil: undefined }),
  }, { requiredKeys: ['MessageId', 'ChannelArn'] }),
});

/**
 * Events with what a callback cannot echo as it arrived, or in a form the documentation does
 * not show: attributes over every limit (long names, 10 KB values, empty lists, a thousand of
 * them), content of astral characters up to 4,096 code points (8,192 UTF-16 units), and
 * timestamps as epoch numbers. The processor must still answer each with a valid callback.
 */
const hostileAttributes = fc.oneof(
  fc.dictionary(fc.string({ minLength: 0, maxLength: 80 }), fc.record({
    StringValues: fc.array(fc.oneof(text(40), fc.constant('v'.repeat(10_240)), fc.constant('😀'.repeat(300))), { maxLength: 3 }),
  }), { maxKeys: 6 }),
  fc.constant(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`a${i}`, { StringValues: [`value-${i}`] }]))),
);
export const hostileChannelMessageEvent = fc.tuple(channelMessageEvent, hostileAttributes,
  fc.option(fc.integer({ min: 1, max: 4096 }).map((n) => '😀'.repeat(n)), { nil: undefined }),
  fc.option(fc.tuple(fc.constantFrom(1763971200, 1763971200000, '1763971200000'), fc.constantFrom(1763971200, 1763971260000, '2025-11-24T08:00:00.000Z')), { nil: undefined }),
).map(([event, MessageAttributes, emoji, stamps]) => ({
  ...event,
  ChannelMessage: {
    ...event.ChannelMessage,
    MessageAttributes,
    ...(emoji ? { Content: emoji } : {}),
    ...(stamps ? { CreatedTimestamp: stamps[0], LastEditedTimestamp: stamps[1] } : {}),
  },
}));

const templateText = (max: number) => fc.array(fc.oneof(
  fc.string({ maxLength: 10 }).map((s) => s.replace(/[{}]/g, '')),
  fc.constantFrom('{{content}}', '{{sender.name}}', '{{sender.arn}}', '{{channel.arn}}', '{{message.id}}',
    '{{metadata.priority}}', '{{metadata.mentions}}', '{{attributes.source}}', '{{attributes.client}}'),
), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')).filter((t) => t.length > 0 && t.replace(/\{\{[^}]*\}\}/g, '').length <= max);

/** Patterns that always take text, for what is redacted or captured. */
const takingPattern = fc.tuple(
  fc.constantFrom('\\bforbidden\\b', '@(\\w+)', '#([a-z0-9_]+)', '[0-9]{3,}', '😀+', 'a|b', '(x)?y+', '.', '(?:ab|a)+c?'),
  fc.boolean(),
).map(([source, ignoreCase]) => patternOf(source, ignoreCase));
/** Any pattern, for conditions. */
const pattern = fc.oneof(takingPattern, fc.tuple(fc.constantFrom('^\\s*$', '(x)?y*', 'a?'), fc.boolean()).map(([source, ignoreCase]) => patternOf(source, ignoreCase)));

const leafCondition: fc.Arbitrary<ConditionDocument> = fc.oneof(
  pattern.map((p) => ({ type: 'contentMatches' as const, ...p })),
  fc.record({ type: fc.constant('contentContainsAny' as const), words: fc.array(fc.oneof(fc.constantFrom('forbidden', 'Hello', 'release', 'é', '😀', 'e-mail'), fc.string({ minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('metadataEquals' as const), key: fc.constantFrom('priority', 'topic'), value: fc.constantFrom('high', 'release') }),
  fc.record({ type: fc.constant('attributeEquals' as const), name: fc.constantFrom('client', 'source'), value: fc.constantFrom('ios', 'web') }),
  fc.record({ type: fc.constant('senderIn' as const), arns: fc.constant(['arn:aws:chime:us-east-1:111122223333:app-instance/app-1/user/u']) }),
  fc.record({ type: fc.constant('persistence' as const), value: fc.constantFrom('PERSISTENT' as const, 'NON_PERSISTENT' as const) }),
  fc.record({ type: fc.constant('edited' as const), value: fc.boolean() }),
);

/** Conditions of every kind, nested up to three deep. */
export const condition: fc.Arbitrary<ConditionDocument> = fc.letrec<{ c: ConditionDocument }>((tie) => ({
  c: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    leafCondition,
    fc.record({ type: fc.constantFrom('allOf' as const, 'anyOf' as const, 'noneOf' as const), conditions: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) })),
})).c;

const withWhen = <T extends object>(arb: fc.Arbitrary<T>) => fc.tuple(arb, fc.option(condition, { nil: undefined }))
  .map(([rule, w]) => (w === undefined ? rule : { ...rule, when: w }));

const attributeRule: fc.Arbitrary<AttributeRuleDocument> = withWhen(fc.oneof(
  fc.record({ op: fc.constant('set' as const), name, values: fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant('fromMetadata' as const), name, key: fc.constantFrom('priority', 'topic', 'mentions', 'x') }),
  fc.record({ op: fc.constant('fromSender' as const), name, field: fc.constantFrom('name' as const, 'arn' as const) }),
  takingPattern.chain((p) => fc.record({ op: fc.constant('fromContent' as const), name }).map((r) => ({ ...r, ...p }))),
  fc.record({ op: fc.constant('remove' as const), name }),
) as fc.Arbitrary<AttributeRuleDocument>);

const pushRule: fc.Arbitrary<PushRuleDocument> = withWhen(fc.oneof(
  fc.record({ action: fc.constant('send' as const), title: templateText(50), body: templateText(150), type: fc.constantFrom('DEFAULT' as const, 'VOIP' as const) }),
  fc.constant({ action: 'suppress' as const }),
) as fc.Arbitrary<PushRuleDocument>);

const redaction: fc.Arbitrary<RedactionDocument> = fc.oneof(
  fc.record({ kind: fc.constantFrom('email' as const, 'phone' as const, 'paymentCard' as const, 'usSsn' as const), replacement: fc.string({ minLength: 1, maxLength: 100 }) }),
  takingPattern.chain((p) => fc.record({ kind: fc.constant('pattern' as const), replacement: fc.string({ minLength: 1, maxLength: 100 }) }).map((r) => ({ ...r, ...p }))),
);

/** A policy document that passes checkPolicyDocument. */
export const policyDocument: fc.Arbitrary<PolicyDocument> = fc.record({
  version: fc.constant(POLICY_DOCUMENT_VERSION),
  moderation: fc.record({ deny: fc.array(condition, { maxLength: 2 }), redact: fc.array(redaction, { maxLength: 3 }) }),
  messageAttributes: fc.array(attributeRule, { maxLength: 6 }),
  // A rule without `when` applies to every message: the check refuses any rule after it.
  pushNotification: fc.array(pushRule, { maxLength: 3 }).map((rules) => {
    const always = rules.findIndex((rule) => rule.when === undefined);
    return always === -1 ? rules : rules.slice(0, always + 1);
  }),
  onError: fc.constantFrom('deliver' as const, 'deny' as const),
});

/** A document from policy parts, the rest empty. */
export function documentOf(parts: Partial<PolicyDocument>): PolicyDocument {
  return { version: POLICY_DOCUMENT_VERSION, moderation: { deny: [], redact: [] }, messageAttributes: [], pushNotification: [], onError: 'deliver', ...parts };
}
