import * as fc from 'fast-check';
import { compilePolicy } from '../../src/core/compile-policy';
import { decide } from '../../src/core/decide';
import { PushRuleDocument } from '../../src/core/document';
import { fitAttributes } from '../../src/core/fit';
import { SEARCH_STEPS, SKIPPED_UNITS_PER_STEP, StepBudget } from '../../src/core/pattern/vm';
import { channelMessageEvent, documentOf, hostileChannelMessageEvent, policyDocument } from '../support/arbitraries';
import { callbackViolations } from '../support/callback-limits';
import { answer, eventOf, withMessage } from '../support/decisions';
import { sampleEvent } from '../support/fixtures';
import { patternOf } from '../support/patterns';

describe('with no policy', () => {
  test('a message is delivered as it arrived, with its own CallbackId', () => {
    const event = sampleEvent('message-basic');
    const { request, summary } = answer({}, event);
    expect(request).toEqual({
      CallbackId: event.CallbackId,
      ChannelArn: event.ChannelMessage.ChannelArn,
      ChannelMessage: {
        MessageId: event.ChannelMessage.MessageId,
        Content: event.ChannelMessage.Content,
        Metadata: event.ChannelMessage.Metadata,
      },
    });
    expect(summary).toEqual({ action: 'deliver', redactions: 0, attributesChanged: false, push: 'none', fitted: [] });
  });

  test('the optional fields that arrive are kept', () => {
    const event = sampleEvent('message-update-nonpersistent');
    expect(answer({}, event).request.ChannelMessage).toEqual({
      MessageId: event.ChannelMessage.MessageId,
      Content: 'Typing...',
      MessageAttributes: { client: { StringValues: ['ios'] } },
      SubChannelId: 'sub-7',
    });
  });

  test('empty content is left out (the API needs at least one character); invalid sub-channel ids and content types too', () => {
    const { request, summary } = answer({}, withMessage({ Content: '', SubChannelId: 'not valid!', ContentType: 'x'.repeat(46) }));
    expect(request.ChannelMessage).not.toHaveProperty('Content');
    expect(request.ChannelMessage).not.toHaveProperty('SubChannelId');
    expect(request.ChannelMessage).not.toHaveProperty('ContentType');
    // What is left out is said, so the log line shows it.
    expect(summary.fitted).toEqual(['SubChannelId', 'ContentType']);
    const denied = answer({ moderation: { deny: [{ type: 'edited', value: false }], redact: [] } }, withMessage({ SubChannelId: 'not valid!' }));
    expect(denied.summary).toMatchObject({ action: 'deny', fitted: ['SubChannelId'] });
  });

  test('a ContentType the service accepted is echoed: it is measured in code points, as all that arrived', () => {
    const { request, summary } = answer({}, withMessage({ ContentType: '😀'.repeat(45) }));
    expect(request.ChannelMessage.ContentType).toBe('😀'.repeat(45));
    expect(summary.fitted).toEqual([]);
  });

  test('a 4 KB message and 1024 characters of emoji metadata pass whole', () => {
    const content = 'é'.repeat(2048);
    const metadata = JSON.stringify({ note: '😀'.repeat(500) });
    const { request } = answer({}, withMessage({ Content: content, Metadata: metadata }));
    expect(request.ChannelMessage.Content).toBe(content);
    expect(request.ChannelMessage.Metadata).toBe(metadata);
  });
});

describe('message attribute rules', () => {
  const metadata = JSON.stringify({ priority: 'high', count: 3, urgent: true, tags: ['a', 2, { no: 1 }], nested: { x: 1 }, nothing: null });

  test('set, fromMetadata, fromSender and remove apply in order on top of the arriving attributes', () => {
    const { request, summary } = answer({
      messageAttributes: [
        { op: 'set', name: 'source', values: ['web'] },
        { op: 'fromMetadata', name: 'priority', key: 'priority' },
        { op: 'fromSender', name: 'senderName', field: 'name' },
        { op: 'fromSender', name: 'senderArn', field: 'arn' },
        { op: 'remove', name: 'client' },
      ],
    }, withMessage({ Metadata: metadata, MessageAttributes: { client: { StringValues: ['ios'] }, keep: { StringValues: ['1'] } } }));
    expect(request.ChannelMessage.MessageAttributes).toEqual({
      keep: { StringValues: ['1'] },
      source: { StringValues: ['web'] },
      priority: { StringValues: ['high'] },
      senderName: { StringValues: ['Alice'] },
      senderArn: { StringValues: ['arn:aws:chime:us-east-1:111122223333:app-instance/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9/user/alice'] },
    });
    expect(summary.attributesChanged).toBe(true);
  });

  test.each([
    ['count', ['3']],
    ['urgent', ['true']],
    ['tags', ['a', '2']],
  ])('metadata key %s becomes %p', (key, values) => {
    const { request } = answer({ messageAttributes: [{ op: 'fromMetadata', name: 'x', key }] }, withMessage({ Metadata: metadata }));
    expect(request.ChannelMessage.MessageAttributes).toEqual({ x: { StringValues: values } });
  });

  test.each([
    ['a nested object', JSON.stringify({ k: { x: 1 } })],
    ['null', JSON.stringify({ k: null })],
    ['a missing key', JSON.stringify({ other: 'v' })],
    ['metadata that is not JSON', 'priority=high'],
    ['a JSON array', '["k"]'],
    ['an inherited key', JSON.stringify({})],
  ])('%s yields nothing: the attribute stays as it was', (_, md) => {
    const key = _ === 'an inherited key' ? 'toString' : 'k';
    const noAttributes = answer({ messageAttributes: [{ op: 'fromMetadata', name: 'x', key }] }, withMessage({ Metadata: md }));
    expect(noAttributes.request.ChannelMessage).not.toHaveProperty('MessageAttributes');
    const kept = answer({ messageAttributes: [{ op: 'fromMetadata', name: 'x', key }] }, withMessage({ Metadata: md, MessageAttributes: { x: { StringValues: ['old'] } } }));
    expect(kept.request.ChannelMessage.MessageAttributes).toEqual({ x: { StringValues: ['old'] } });
    expect(kept.summary.attributesChanged).toBe(false);
  });

  // A number's value is its text as written: JSON.parse would round or reprint each of these.
  test.each([
    ['9007199254740993', '9007199254740993'],
    ['12345678901234567890', '12345678901234567890'],
    ['1e400', '1e400'],
    ['1.10', '1.10'],
    ['-0', '-0'],
    ['[1.50, 2E3]', ['1.50', '2E3']],
  ])('a number written %s is passed on as written, by fromMetadata, metadataEquals and {{metadata.KEY}}', (written, expected) => {
    const orderMetadata = `{"order":${written}}`;
    const values = [expected].flat();
    const { request, summary } = answer({
      messageAttributes: [
        { op: 'fromMetadata', name: 'order', key: 'order' },
        { op: 'set', name: 'matched', values: ['yes'], when: { type: 'metadataEquals', key: 'order', value: values[0] } },
      ],
      pushNotification: [{ action: 'send', title: 'Order {{metadata.order}}', body: 'b', type: 'DEFAULT' }],
    }, withMessage({ Metadata: orderMetadata }));
    expect(request.ChannelMessage.MessageAttributes).toEqual({ order: { StringValues: values }, matched: { StringValues: ['yes'] } });
    expect(request.ChannelMessage.PushNotification?.Title).toBe(`Order ${values.join(', ')}`);
    expect(request.ChannelMessage.Metadata).toBe(orderMetadata);
    expect(summary.fitted).toEqual([]);
  });

  test('a value that is not well-formed text (an escaped lone surrogate) is left out, and said so; the others stay', () => {
    const malformed = '{"priority":"\\ud800x","tags":["ok","\\udc00"]}';
    const { request, summary } = answer({
      messageAttributes: [{ op: 'fromMetadata', name: 'priority', key: 'priority' }, { op: 'fromMetadata', name: 'tags', key: 'tags' }],
      pushNotification: [{ action: 'send', title: 'p{{metadata.priority}}', body: 'b', type: 'DEFAULT' }],
    }, withMessage({ Metadata: malformed }));
    expect(request.ChannelMessage.MessageAttributes).toEqual({ tags: { StringValues: ['ok'] } });
    expect(request.ChannelMessage.PushNotification?.Title).toBe('p');
    expect(request.ChannelMessage.Metadata).toBe(malformed);
    expect(summary.fitted).toEqual(['MetadataValues']);
    expect(callbackViolations(request)).toEqual([]);
  });

  test('metadata that gives a key twice with different values yields no value: which was meant cannot be told', () => {
    const { request } = answer({ messageAttributes: [{ op: 'fromMetadata', name: 'x', key: 'k' }] }, withMessage({ Metadata: '{"k":"a","k":"b"}' }));
    expect(request.ChannelMessage).not.toHaveProperty('MessageAttributes');
  });

  test('a missing sender name yields nothing', () => {
    const { request } = answer({
      messageAttributes: [
        { op: 'fromSender', name: 'senderName', field: 'name' },
      ],
    }, withMessage({ Sender: { Arn: 'arn:aws:chime:us-east-1:111122223333:app-instance/a/user/u' } }));
    expect(request.ChannelMessage).not.toHaveProperty('MessageAttributes');
  });

  test('removing every arriving attribute sends an empty map, so the removal takes effect', () => {
    const { request, summary } = answer({ messageAttributes: [{ op: 'remove', name: 'client' }] }, withMessage({ MessageAttributes: { client: { StringValues: ['ios'] } } }));
    expect(request.ChannelMessage.MessageAttributes).toEqual({});
    expect(summary.attributesChanged).toBe(true);
  });

  test('values a rule wrote are cut or left out to fit 512 per value and 1 KB in all, and come before arriving ones', () => {
    const fitted = fitAttributes(new Map<string, string[]>([
      ['arrived', ['a'.repeat(300)]],
      ['a'.repeat(65), ['too long a name']],
      ['long', ['x'.repeat(600)]],
      ['empty', ['']],
      ['big', ['y'.repeat(500)]],
      ['small', ['z']],
    ]), new Set(['a'.repeat(65), 'long', 'empty', 'big', 'small']));
    // long (516 bytes) and big (503) fit; small would take the total to 1025; arrived comes last and no longer fits.
    expect(Object.keys(fitted.record)).toEqual(['long', 'big']);
    expect(fitted.record.long.StringValues[0]).toBe('x'.repeat(512));
    // The name out of bounds, the cut value, the empty value, small and arrived.
    expect(fitted.adjusted).toBe(5);
  });

  test('attributes that arrived beyond the limits are fitted even when no rule writes, each value whole or not at all', () => {
    const arrived = {
      ['n'.repeat(65)]: { StringValues: ['a name of 65 characters'] },
      huge: { StringValues: ['v'.repeat(10_240), 'kept'] },
      none: { StringValues: [] },
      ...Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`a${i}`, { StringValues: [`value-${i}`] }])),
    };
    const { request, summary } = answer({}, withMessage({ MessageAttributes: arrived }));
    const sent = request.ChannelMessage.MessageAttributes!;
    expect(sent.huge).toEqual({ StringValues: ['kept'] });
    expect(sent).not.toHaveProperty('n'.repeat(65));
    expect(sent).not.toHaveProperty('none');
    expect(sent.a0).toEqual({ StringValues: ['value-0'] });
    expect(callbackViolations(request)).toEqual([]);
    expect(Object.keys(sent).length).toBeLessThan(100);
    expect(summary).toMatchObject({ attributesChanged: true, fitted: ['MessageAttributes'] });
  });

  test('names and values that arrived are measured in code points: the service accepted them', () => {
    // A name of 40 emoji is 80 UTF-16 units, 40 code points. (A value over 512 units but within
    // 512 code points would take more than the 1 KB UTF-8 total on its own.)
    const arrived = { ['😀'.repeat(40)]: { StringValues: ['😀'.repeat(150), 'é'.repeat(50)] } };
    const { request, summary } = answer({}, withMessage({ MessageAttributes: arrived }));
    expect(request.ChannelMessage.MessageAttributes).toEqual(arrived);
    expect(summary).toMatchObject({ attributesChanged: false, fitted: [] });
    expect(callbackViolations(request)).toEqual([]);
  });

  test('the answer of a policy that fails to evaluate fits arriving attributes too', () => {
    const arrived = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`a${i}`, { StringValues: [`value-${i}`] }]));
    const broken = { ...compilePolicy(documentOf({})), deny: [{ holds: () => { throw new Error('boom'); }, apis: new Set<never>() }] };
    const { request, summary } = decide(eventOf(withMessage({ MessageAttributes: arrived })), broken);
    expect(callbackViolations(request)).toEqual([]);
    expect(summary).toMatchObject({ action: 'deliver', policyError: true, attributesChanged: true, fitted: ['MessageAttributes'] });
  });

  test('a client cannot push out what the policy sets by sending 1 KB of attributes', () => {
    const junk = { j0: { StringValues: ['j'.repeat(500)] }, j1: { StringValues: ['j'.repeat(500)] } };
    const { request } = answer({
      messageAttributes: [
        { op: 'remove', name: 'senderName' },
        { op: 'fromSender', name: 'senderName', field: 'name' },
        { op: 'set', name: 'source', values: ['web'] },
      ],
    }, withMessage({ MessageAttributes: junk }));
    expect(request.ChannelMessage.MessageAttributes).toEqual({
      senderName: { StringValues: ['Alice'] },
      source: { StringValues: ['web'] },
      j0: { StringValues: ['j'.repeat(500)] },
    });
  });

  test('a value is cut at a character boundary', () => {
    const fitted = fitAttributes(new Map([['e', [`a${'😀'.repeat(300)}`]]]), new Set(['e']));
    expect(fitted.record.e.StringValues[0]).toBe(`a${'😀'.repeat(255)}`);
  });

  test.each(['__proto__', 'toString', 'constructor', 'hasOwnProperty'])('an attribute named %s is an attribute like any other', (name) => {
    const arrived = JSON.parse(`{"${name}": {"StringValues": ["v"]}, "other": {"StringValues": ["o"]}}`);
    const set = answer({ messageAttributes: [{ op: 'set', name, values: ['w'] }, { op: 'set', name: 'x', values: ['y'] }] }, withMessage({ MessageAttributes: arrived }));
    expect(Object.keys(set.request.ChannelMessage.MessageAttributes!)).toEqual([name, 'x', 'other']);
    expect(set.request.ChannelMessage.MessageAttributes![name]).toEqual({ StringValues: ['w'] });
    const removed = answer({ messageAttributes: [{ op: 'remove', name }, { op: 'set', name: 'x', values: ['y'] }] }, withMessage({ MessageAttributes: arrived }));
    expect(Object.keys(removed.request.ChannelMessage.MessageAttributes!)).toEqual(['x', 'other']);
    expect(JSON.parse(JSON.stringify(removed.request)).ChannelMessage.MessageAttributes).toEqual({ x: { StringValues: ['y'] }, other: { StringValues: ['o'] } });
  });
});

describe('push notification rules', () => {
  const send = (title: string, body: string, type: 'DEFAULT' | 'VOIP' = 'DEFAULT'): PushRuleDocument => ({ action: 'send', title, body, type });

  test('templates fill in the sender and the content', () => {
    const { request, summary } = answer({ pushNotification: [send('{{sender.name}}', '{{content}}', 'VOIP')] });
    expect(request.ChannelMessage.PushNotification).toEqual({ Title: 'Alice', Body: 'Hello team, the release is ready.', Type: 'VOIP' });
    expect(summary.push).toBe('sent');
  });

  test('templates read metadata and the attributes after the attribute rules', () => {
    const { request } = answer({
      messageAttributes: [{ op: 'set', name: 'team', values: ['core', 'web'] }],
      pushNotification: [send('[{{metadata.topic}}] {{sender.name}}', '{{attributes.team}}: {{content}}')],
    }, withMessage({ Metadata: JSON.stringify({ topic: 'release' }) }));
    expect(request.ChannelMessage.PushNotification).toEqual({ Title: '[release] Alice', Body: 'core, web: Hello team, the release is ready.', Type: 'DEFAULT' });
  });

  test('long texts are cut to 50 and 150 characters with an ellipsis, never inside an emoji', () => {
    const { request } = answer({ pushNotification: [send('{{sender.name}}', '{{content}}')] }, withMessage({ Content: '😀'.repeat(200), Sender: { Name: 'n'.repeat(49) + '😀' } }));
    const push = request.ChannelMessage.PushNotification!;
    expect(push.Title).toBe(`${'n'.repeat(49)}…`);
    expect(push.Body).toBe(`${'😀'.repeat(74)}…`);
    expect(push.Body.length).toBe(149);
  });

  test('a title or body that renders empty sends no push notification', () => {
    const { request, summary } = answer({ pushNotification: [send('{{sender.name}}', '{{content}}')] }, withMessage({ Sender: {} }));
    expect(request.ChannelMessage).not.toHaveProperty('PushNotification');
    expect(summary.push).toBe('none');
  });

  test('suppress sends none', () => {
    const { request, summary } = answer({ pushNotification: [{ action: 'suppress' }] });
    expect(request.ChannelMessage).not.toHaveProperty('PushNotification');
    expect(summary.push).toBe('suppressed');
  });
});

const forbidden = { type: 'contentMatches' as const, ...patternOf('\\bforbidden\\b', true) };

describe('moderation', () => {
  test('a denied message is answered with DeleteResource and nothing else of it', () => {
    const { request, summary } = answer({ moderation: { deny: [forbidden], redact: [] } }, withMessage({ Content: 'this is Forbidden', SubChannelId: 'sub-1' }));
    expect(request).toEqual({
      CallbackId: sampleEvent('message-basic').CallbackId,
      ChannelArn: sampleEvent('message-basic').ChannelMessage.ChannelArn,
      DeleteResource: true,
      ChannelMessage: { MessageId: sampleEvent('message-basic').ChannelMessage.MessageId, SubChannelId: 'sub-1' },
    });
    expect(summary).toEqual({ action: 'deny', redactions: 0, attributesChanged: false, push: 'none', fitted: [] });
  });

  test('a message no deny condition holds for is delivered', () => {
    expect(answer({ moderation: { deny: [forbidden], redact: [] } }).summary.action).toBe('deliver');
  });

  test('redaction rewrites the content, and every later step sees only the redacted content', () => {
    const { request, summary } = answer({
      moderation: { deny: [], redact: [{ kind: 'email', replacement: '[email]' }, { kind: 'pattern', ...patternOf('secret\\w*', true), replacement: '***' }] },
      messageAttributes: [
        { op: 'fromContent', name: 'found', ...patternOf('\\S+@\\S+|\\*+', false) },
        { op: 'set', name: 'leak', values: ['yes'], when: { type: 'contentMatches', ...patternOf('bob@', false) } },
      ],
      pushNotification: [{ action: 'send', title: 'New', body: '{{content}}', type: 'DEFAULT' }],
    }, withMessage({ Content: 'mail bob@example.com the SECRETS' }));
    expect(request.ChannelMessage.Content).toBe('mail [email] the ***');
    expect(request.ChannelMessage.MessageAttributes).toEqual({ found: { StringValues: ['***'] } });
    expect(request.ChannelMessage.PushNotification?.Body).toBe('mail [email] the ***');
    expect(summary.redactions).toBe(2);
  });

  test('deny conditions see the message as it arrived, before redaction', () => {
    const { summary } = answer({
      moderation: { deny: [{ type: 'contentContainsAny', words: ['bob@example.com'] }], redact: [{ kind: 'email', replacement: '[email]' }] },
    }, withMessage({ Content: 'mail bob@example.com' }));
    expect(summary.action).toBe('deny');
  });

  test('content that redaction makes longer is cut to what the message held, at a character boundary', () => {
    const content = `${'😀'.repeat(1000)} ${'a@b.cc '.repeat(13)}`.trim();
    const { request } = answer({ moderation: { deny: [], redact: [{ kind: 'email', replacement: '[an email address was here]' }] } }, withMessage({ Content: content }));
    expect(Buffer.byteLength(request.ChannelMessage.Content!)).toBeLessThanOrEqual(Math.max(4096, Buffer.byteLength(content)));
    expect(request.ChannelMessage.Content!.startsWith('😀'.repeat(1000))).toBe(true);
    expect(request.ChannelMessage.Content).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  test('redaction that lengthens astral characters stays within 4,096 in every unit the service may count', () => {
    // 4,096 emoji: 4,096 code points, 8,192 UTF-16 units, 16,384 bytes. Each becomes `**`.
    const content = '😀'.repeat(4096);
    const { request, summary } = answer({ moderation: { deny: [], redact: [{ kind: 'pattern', ...patternOf('😀', false), replacement: '**' }] } }, withMessage({ Content: content }));
    const sent = request.ChannelMessage.Content!;
    expect(sent).toBe('*'.repeat(4096));
    expect([sent.length, [...sent].length, Buffer.byteLength(sent)]).toEqual([4096, 4096, 4096]);
    expect(summary).toMatchObject({ redactions: 4096, fitted: ['Content'] });
  });

  test('redacted content no longer than what arrived, in any unit, is not cut', () => {
    const content = `${'😀'.repeat(3000)} a@b.cc`;
    const { request, summary } = answer({ moderation: { deny: [], redact: [{ kind: 'email', replacement: '[x]' }] } }, withMessage({ Content: content }));
    expect(request.ChannelMessage.Content).toBe(`${'😀'.repeat(3000)} [x]`);
    expect(summary.fitted).toEqual([]);
  });

  test('content with nothing to redact is echoed as it arrived', () => {
    const { request, summary } = answer({ moderation: { deny: [], redact: [{ kind: 'paymentCard', replacement: '[card]' }] } });
    expect(request.ChannelMessage.Content).toBe(sampleEvent('message-basic').ChannelMessage.Content);
    expect(summary.redactions).toBe(0);
  });
});

describe('rule conditions', () => {
  test('an attribute rule applies only when its condition holds', () => {
    const rules = [{ op: 'set' as const, name: 'urgent', values: ['yes'], when: { type: 'metadataEquals' as const, key: 'priority', value: 'high' } }];
    expect(answer({ messageAttributes: rules }).request.ChannelMessage.MessageAttributes).toEqual({ urgent: { StringValues: ['yes'] } });
    expect(answer({ messageAttributes: rules }, withMessage({ Metadata: '{"priority":"low"}' })).request.ChannelMessage).not.toHaveProperty('MessageAttributes');
  });

  test('attribute conditions see the attributes the earlier rules left', () => {
    const { request } = answer({
      messageAttributes: [
        { op: 'set', name: 'tier', values: ['gold'] },
        { op: 'set', name: 'vip', values: ['yes'], when: { type: 'attributeEquals', name: 'tier', value: 'gold' } },
      ],
    });
    expect(request.ChannelMessage.MessageAttributes).toEqual({ tier: { StringValues: ['gold'] }, vip: { StringValues: ['yes'] } });
  });

  test('fromContent captures each distinct mention once, in order', () => {
    const { request } = answer({ messageAttributes: [{ op: 'fromContent', name: 'mentions', ...patternOf('@(\\w+)', false) }] }, withMessage({ Content: 'hi @bob, @ann and @bob again; mail x@y' }));
    expect(request.ChannelMessage.MessageAttributes).toEqual({ mentions: { StringValues: ['bob', 'ann', 'y'] } });
  });

  test('the first push rule that applies wins; edits and non-persistent messages can be kept quiet', () => {
    const push = [
      { action: 'suppress' as const, when: { type: 'anyOf' as const, conditions: [{ type: 'edited' as const, value: true }, { type: 'persistence' as const, value: 'NON_PERSISTENT' as const }] } },
      { action: 'send' as const, title: 'Urgent: {{sender.name}}', body: '{{content}}', type: 'VOIP' as const, when: { type: 'metadataEquals' as const, key: 'priority', value: 'high' } },
      { action: 'send' as const, title: '{{sender.name}}', body: '{{content}}', type: 'DEFAULT' as const },
    ];
    expect(answer({ pushNotification: push }).request.ChannelMessage.PushNotification).toMatchObject({ Title: 'Urgent: Alice', Type: 'VOIP' });
    expect(answer({ pushNotification: push }, withMessage({ Metadata: '{}' })).request.ChannelMessage.PushNotification).toMatchObject({ Title: 'Alice', Type: 'DEFAULT' });
    expect(answer({ pushNotification: push }, withMessage({ LastEditedTimestamp: '2026-11-24T09:00:00.000Z' })).summary.push).toBe('suppressed');
    expect(answer({ pushNotification: push }, withMessage({ Persistence: 'NON_PERSISTENT' })).summary.push).toBe('suppressed');
    expect(answer({ pushNotification: [push[1]] }, withMessage({ Metadata: '{}' })).summary.push).toBe('none');
  });
});

describe('patterns that would take too long', () => {
  test('exhaust the message\'s step budget, and the message is answered by onError instead of stalling', () => {
    const { request, summary } = answer({
      onError: 'deny',
      moderation: { deny: [], redact: [{ kind: 'pattern', ...patternOf('.*z|a', false), replacement: '#' }] },
    }, withMessage({ Content: 'a'.repeat(4096) }));
    expect(summary).toMatchObject({ action: 'deny', policyError: true });
    expect(request.DeleteResource).toBe(true);
  });
});

describe('many cheap patterns: every unit of pattern work draws on the one budget', () => {
  const many = (count: number, make: (i: number) => any) => Array.from({ length: count }, (_, i) => make(i));
  // Policies whose patterns each stay far within the budget but together would not: searches,
  // matches and redaction merging are charged, so they run out of it rather than run on.
  test.each([
    ['110 redactions of [ab] on 4 KB of "ab "', { moderation: { deny: [], redact: many(110, () => ({ kind: 'pattern', ...patternOf('[ab]'), replacement: '*' })) } }, 'ab '],
    ['110 redactions of . on 4 KB of chat', { moderation: { deny: [], redact: many(110, () => ({ kind: 'pattern', ...patternOf('.'), replacement: '*' })) } }, 'hello team '],
    ['60 fromContent rules of a on 4 KB of a', { messageAttributes: many(60, (i) => ({ op: 'fromContent', name: `n${i}`, ...patternOf('a') })) }, 'a'],
    ['400 contentMatches of o.{0,5}z on 4 KB of chat', { moderation: { deny: many(400, () => ({ type: 'contentMatches', ...patternOf('o.{0,5}z') })), redact: [] } }, 'the quick brown fox jumps over a lazy dog '],
  ])('%s run out of the budget and are answered by onError', (_, policy, unit) => {
    const { summary } = answer({ onError: 'deny', ...policy } as any, withMessage({ Content: unit.repeat(4096).slice(0, 4096) }));
    expect(summary).toMatchObject({ action: 'deny', policyError: true });
  });

  test('each search costs its setup, and each native skip its length, so 276 searches that find nothing are charged', () => {
    let charged = 0;
    const spend = jest.spyOn(StepBudget.prototype, 'spend').mockImplementation(function (this: StepBudget, steps: number) { charged += steps; });
    try {
      answer({ moderation: { deny: many(276, () => ({ type: 'contentMatches', ...patternOf('zq') })), redact: [] } }, withMessage({ Content: 'x'.repeat(4096) }));
    } finally {
      spend.mockRestore();
    }
    expect(charged).toBe(276 * (SEARCH_STEPS + Math.ceil(4096 / SKIPPED_UNITS_PER_STEP)));
  });
});

describe('a policy of slow but real patterns', () => {
  test('is not cut short on 4 KB of hex digits: the message is answered by its rules, not by onError', () => {
    const hex = Array.from({ length: 4096 }, (_, i) => '0123456789abcdef'[(i * 7) % 16]).join('');
    const { summary } = answer({
      onError: 'deny',
      moderation: { deny: [], redact: [{ kind: 'pattern', ...patternOf('[\\w.+-]+@[\\w-]+\\.[\\w.-]+', false), replacement: '[email]' }] },
      messageAttributes: [{ op: 'fromContent', name: 'credentials', ...patternOf('[\\w.-]{1,100}:[^\\s@]{1,100}@', false) }],
    }, withMessage({ Content: hex }));
    expect(summary).toMatchObject({ action: 'deliver' });
    expect(summary.policyError).toBeUndefined();
  });
});

describe('a policy that cannot be evaluated', () => {
  const event = eventOf(sampleEvent('message-basic'));
  const broken = (onError: 'deliver' | 'deny') => {
    const policy = compilePolicy(documentOf({ onError }));
    return { ...policy, deny: [{ holds: () => { throw new Error('boom'); }, apis: new Set<never>() }] };
  };

  test('fails closed (denies) when the document says so, as it does for a flow with moderation', () => {
    const { request, summary } = decide(event, broken('deny'));
    expect(request.DeleteResource).toBe(true);
    expect(summary).toMatchObject({ action: 'deny', policyError: true });
  });

  test('otherwise delivers the message as it arrived', () => {
    const { request, summary } = decide(event, broken('deliver'));
    expect(request.DeleteResource).toBeUndefined();
    expect(request.ChannelMessage.Content).toBe(sampleEvent('message-basic').ChannelMessage.Content);
    expect(summary).toMatchObject({ action: 'deliver', policyError: true });
  });
});

describe('for any event and any valid policy (property-based)', () => {
  test('the request satisfies every limit of ChannelFlowCallback', () => {
    fc.assert(fc.property(channelMessageEvent, policyDocument, (raw, document) => {
      const { request } = decide(eventOf(raw), compilePolicy(document));
      expect(callbackViolations(request, raw.ChannelMessage)).toEqual([]);
    }), { numRuns: 500 });
  });

  test('so does the answer to an event with values the callback cannot echo as they arrived', () => {
    fc.assert(fc.property(hostileChannelMessageEvent, policyDocument, (raw, document) => {
      const { request, summary } = decide(eventOf(raw), compilePolicy(document));
      expect(callbackViolations(request, raw.ChannelMessage)).toEqual([]);
      // What was left out is said, so the processor can log it.
      if (summary.action === 'deliver' && !summary.policyError) {
        const sent = Object.keys(request.ChannelMessage.MessageAttributes ?? {}).length;
        const arrived = Object.keys(raw.ChannelMessage.MessageAttributes).length;
        if (sent < arrived && document.messageAttributes.length === 0) expect(summary.fitted).toContain('MessageAttributes');
      }
    }), { numRuns: 300 });
  });

  test('the CallbackId, channel and message id are the ones received', () => {
    fc.assert(fc.property(channelMessageEvent, policyDocument, (raw, document) => {
      const { request } = decide(eventOf(raw), compilePolicy(document));
      expect(request.CallbackId).toBe(raw.CallbackId);
      expect(request.ChannelArn).toBe(raw.ChannelMessage.ChannelArn);
      expect(request.ChannelMessage.MessageId).toBe(raw.ChannelMessage.MessageId);
    }), { numRuns: 200 });
  });

  test('with no policy, content, metadata and attributes come back exactly as they arrived', () => {
    fc.assert(fc.property(channelMessageEvent, (raw) => {
      const { request, summary } = decide(eventOf(raw), compilePolicy(documentOf({})));
      const m = raw.ChannelMessage;
      expect(request.ChannelMessage.Content).toBe(m.Content || undefined);
      expect(request.ChannelMessage.Metadata).toBe(m.Metadata);
      if (m.MessageAttributes && Object.keys(m.MessageAttributes).length > 0) {
        expect({ ...request.ChannelMessage.MessageAttributes }).toEqual(m.MessageAttributes);
      }
      expect(summary.attributesChanged).toBe(false);
    }), { numRuns: 300 });
  });

  test('the decision is deterministic', () => {
    fc.assert(fc.property(channelMessageEvent, policyDocument, (raw, document) => {
      const policy = compilePolicy(document);
      expect(decide(eventOf(raw), policy)).toEqual(decide(eventOf(structuredClone(raw)), compilePolicy(structuredClone(document))));
    }), { numRuns: 200 });
  });
});
