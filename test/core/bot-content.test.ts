import * as fc from 'fast-check';
import { parse } from 'lossless-json';
import { checkPolicyDocument } from '../../src/core/check-policy';
import { compilePolicy } from '../../src/core/compile-policy';
import { decide } from '../../src/core/decide';
import { ConditionDocument, PolicyDocument, RedactionDocument } from '../../src/core/document';
import { documentOf } from '../support/arbitraries';
import { callbackViolations } from '../support/callback-limits';
import { answer, eventOf, withMessage } from '../support/decisions';
import { patternOf } from '../support/patterns';

const LEX = 'application/amz-chime-lex-msgs';
const BOT = 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/bot/helper';
/** A bot's answer as Amazon Lex's messages, with the session state the service adds. */
const lexContent = '{"Messages":['
  + '{"Content":"Call us at 555-123-4567 or write to help@example.com","ContentType":"PlainText"},'
  + '{"Content":"Card 4111 1111 1111 1111 on file","ContentType":"PlainText","Priority":2.50},'
  + '{"ImageResponseCard":{"Title":"help@example.com","Buttons":[{"Text":"Yes","Value":"yes"}]},"ContentType":"ImageResponseCard"}],'
  + '"help@example.com":"a key is never redacted","Big":12345678901234567890}';
const REDACTIONS: RedactionDocument[] = [
  { kind: 'email', replacement: '[email]' },
  { kind: 'phone', replacement: '[phone]' },
  { kind: 'paymentCard', replacement: '[card]' },
  { kind: 'usSsn', replacement: '[ssn]' },
  { kind: 'pattern', ...patternOf('[aeiou]', true), replacement: '*' },
];
const botMessage = (Content: string, extra: object = {}) => withMessage({ Content, ContentType: LEX, Sender: { Arn: BOT, Name: 'Helper' }, ...extra });
/** Every string replaced by `s`: what stays of a JSON value's structure (lossless: numbers as written). */
const shape = (json: string) => JSON.stringify(parse(json, (_key, value) => (typeof value === 'string' ? 's' : value)));

describe('a bot\'s structured content', () => {
  test.each(REDACTIONS.map((r) => [r.kind, r]))('stays JSON of the same structure under the %s redaction: only text values change', (_, redaction) => {
    const { request } = answer({ moderation: { deny: [], redact: [redaction] } }, botMessage(lexContent));
    const content = request.ChannelMessage.Content!;
    expect(shape(content)).toBe(shape(lexContent));
    // Keys are never redacted; numbers stay as written.
    expect(content).toContain('"help@example.com":');
    expect(content).toContain('"Priority":2.50');
    expect(content).toContain('"Big":12345678901234567890');
  });

  test('every redaction at once, and the push template reads it, leaving the content valid', () => {
    const { request } = answer({
      moderation: { deny: [], redact: REDACTIONS },
      pushNotification: [{ action: 'send', title: '{{sender.name}}', body: '{{content}}', type: 'DEFAULT' }],
    }, botMessage(lexContent));
    expect(JSON.parse(request.ChannelMessage.Content!).Messages[0].Content).toBe('C*ll *s *t [phone] *r wr*t* t* [email]');
    expect(request.ChannelMessage.ContentType).toBe(LEX);
    expect(request.ChannelMessage.PushNotification?.Body.startsWith('{"Messages"')).toBe(true);
  });

  test('property: any JSON a bot sends stays JSON of the same structure under every redaction', () => {
    const policy = compilePolicy(documentOf({ moderation: { deny: [], redact: REDACTIONS } }));
    fc.assert(fc.property(fc.json({ maxDepth: 3 }), (json) => {
      const { request, summary } = decide(eventOf(botMessage(json)), policy);
      if (summary.policyError) return;
      const content = request.ChannelMessage.Content ?? json;
      expect(shape(content)).toBe(shape(json));
      expect(callbackViolations(request, { Content: json })).toEqual([]);
    }), { numRuns: 300 });
  });

  test('a bot\'s content that is not JSON, and a user\'s that claims a bot\'s type, are redacted as text; PII entities skip bot JSON', () => {
    expect(answer({ moderation: { deny: [], redact: REDACTIONS.slice(0, 4) } }, botMessage('not json: help@example.com')).request.ChannelMessage.Content)
      .toBe('not json: [email]');
    // Any sender can set the ContentType: only a bot's message is structured.
    const claimed = withMessage({ Content: '{"Messages":[{"Content":"ssn 123-45-6789"}]}', ContentType: LEX });
    expect(answer({ moderation: { deny: [], redact: [{ kind: 'usSsn', replacement: '[ssn]' }] } }, claimed).request.ChannelMessage.Content)
      .toBe('{"Messages":[{"Content":"ssn [ssn]"}]}');
    const ambiguous = answer({ moderation: { deny: [], redact: [{ kind: 'email', replacement: '[email]' }] }, onError: 'deny' },
      botMessage('{"a":"x@example.com","a":"other"}'));
    expect(ambiguous.summary).toMatchObject({ action: 'deny', policyError: true });
    const pii = compilePolicy(documentOf({
      comprehend: { languageCode: 'en', unsupportedLanguage: 'onError' }, moderation: { deny: [], redact: [{ kind: 'piiEntities', minScore: 0.5 }] },
    }));
    const json = '{"Messages":[{"Content":"I am Ann"}]}';
    const entities = { DetectPiiEntities: { Entities: [{ Type: 'NAME', Score: 0.9, BeginOffset: 30, EndOffset: 33 }] } };
    expect(decide(eventOf(botMessage(json)), pii, entities).request.ChannelMessage.Content).toBe(json);
  });

  test('redacted content that would have to be cut is not sent cut: the policy fails, and onError answers', () => {
    const json = JSON.stringify({ Messages: [{ Content: 'a'.repeat(4000) }] });
    const { request, summary } = answer({ moderation: { deny: [], redact: [{ kind: 'pattern', ...patternOf('a', false), replacement: 'bb' }] }, onError: 'deny' },
      botMessage(json));
    expect(summary.policyError).toBe(true);
    expect(request.DeleteResource).toBe(true);
  });
});

describe('bots and targeted messages in conditions', () => {
  const holds = (condition: ConditionDocument, message: unknown) => answer({ moderation: { deny: [condition], redact: [] } }, message).summary.action === 'deny';

  test('senderIsBot, contentTypeIn and isTargeted', () => {
    expect(holds({ type: 'senderIsBot' }, botMessage('{}'))).toBe(true);
    expect(holds({ type: 'senderIsBot' }, withMessage({}))).toBe(false);
    expect(holds({ type: 'contentTypeIn', types: [LEX, 'application/amz-chime-lex-error'] }, botMessage('{}'))).toBe(true);
    expect(holds({ type: 'contentTypeIn', types: [LEX] }, withMessage({}))).toBe(false);
    expect(holds({ type: 'targeted' }, withMessage({ Target: [{ MemberArn: `${BOT.replace('bot/helper', 'user/bob')}` }] }))).toBe(true);
    expect(holds({ type: 'targeted' }, withMessage({}))).toBe(false);
  });
});

describe('attributes the service reads (CHIME.)', () => {
  test('those that arrived are kept first when the 1 KB fitting must leave something out', () => {
    const mentions = { 'CHIME.mentions': { StringValues: [BOT] } };
    const crowd = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`client${i}`, { StringValues: ['v'.repeat(40)] }]));
    const { request } = answer({ messageAttributes: [{ op: 'set', name: 'big', values: ['x'.repeat(500), 'y'.repeat(400)] }] },
      withMessage({ MessageAttributes: { ...crowd, ...mentions } }));
    expect(request.ChannelMessage.MessageAttributes!['CHIME.mentions']).toEqual({ StringValues: [BOT] });
    expect(request.ChannelMessage.MessageAttributes!.big).toBeDefined();
  });

  test('a rule that writes or removes one fails the check unless the policy says it means to', () => {
    const problems = (rules: PolicyDocument['messageAttributes']) => {
      const checked = checkPolicyDocument(documentOf({ messageAttributes: rules }));
      return checked.ok ? [] : checked.problems.map((p) => p.message);
    };
    expect(problems([{ op: 'remove', name: 'CHIME.mentions' }])).toEqual([expect.stringMatching(/^removes CHIME.mentions, an attribute the service reads/)]);
    expect(problems([{ op: 'set', name: 'CHIME.LEX.sessionState.x', values: ['1'] }])).toHaveLength(1);
    expect(problems([{ op: 'remove', name: 'CHIME.mentions', serviceAttribute: true }])).toEqual([]);
  });
});
