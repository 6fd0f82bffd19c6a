import * as fc from 'fast-check';
import { AttributeRuleDocument, PolicyDocument, PushRuleDocument } from '../../src/core/document';

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
    .map((m) => JSON.stringify(m).slice(0, 1024)),
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

const templateText = (max: number) => fc.array(fc.oneof(
  fc.string({ maxLength: 10 }).map((s) => s.replace(/[{}]/g, '')),
  fc.constantFrom('{{content}}', '{{sender.name}}', '{{sender.arn}}', '{{channel.arn}}', '{{message.id}}',
    '{{metadata.priority}}', '{{metadata.mentions}}', '{{attributes.source}}', '{{attributes.client}}'),
), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')).filter((t) => t.length > 0 && t.replace(/\{\{[^}]*\}\}/g, '').length <= max);

const attributeRule: fc.Arbitrary<AttributeRuleDocument> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), name, values: fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant('fromMetadata' as const), name, key: fc.constantFrom('priority', 'topic', 'mentions', 'x') }),
  fc.record({ op: fc.constant('fromSender' as const), name, field: fc.constantFrom('name' as const, 'arn' as const) }),
  fc.record({ op: fc.constant('remove' as const), name }),
);

const pushRule: fc.Arbitrary<PushRuleDocument> = fc.oneof(
  fc.record({ action: fc.constant('send' as const), title: templateText(50), body: templateText(150), type: fc.constantFrom('DEFAULT' as const, 'VOIP' as const) }),
  fc.constant({ action: 'suppress' as const }),
);

/** A policy document that passes the validator. */
export const policyDocument: fc.Arbitrary<PolicyDocument> = fc.record({
  version: fc.constant(1),
  attributes: fc.array(attributeRule, { maxLength: 6 }),
  push: fc.array(pushRule, { maxLength: 2 }),
});
