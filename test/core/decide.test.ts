import * as fc from 'fast-check';
import { channelMessageEvent, documentOf, hostileChannelMessageEvent, policyDocument } from './arbitraries';
import { callbackViolations } from './callback-limits';
import { compilePolicy } from '../../src/core/compile-policy';
import { decide } from '../../src/core/decide';
import { AttributeRuleDocument, PushRuleDocument } from '../../src/core/document';
import { checkEvent, ChannelMessageEvent } from '../../src/core/event';
import { fitAttributes } from '../../src/core/fit';
import { sampleEvent } from '../helpers';

function eventOf(raw: unknown): ChannelMessageEvent {
  const checked = checkEvent(raw);
  if (!checked.ok) throw new Error(checked.reason);
  return checked.event;
}

function answer(raw: unknown, attributes: AttributeRuleDocument[] = [], push: PushRuleDocument[] = []) {
  return decide(eventOf(raw), compilePolicy(documentOf({ messageAttributes: attributes, pushNotification: push })));
}

function withMessage(fields: Record<string, unknown>) {
  const event = sampleEvent('message-basic');
  return { ...event, ChannelMessage: { ...event.ChannelMessage, ...fields } };
}

describe('with no policy', () => {
  test('a message is delivered as it arrived, with its own CallbackId', () => {
    const event = sampleEvent('message-basic');
    const { request, summary } = answer(event);
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
    expect(answer(event).request.ChannelMessage).toEqual({
      MessageId: event.ChannelMessage.MessageId,
      Content: 'Typing...',
      MessageAttributes: { client: { StringValues: ['ios'] } },
      SubChannelId: 'sub-7',
    });
  });

  test('empty content is left out (the API needs at least one character); invalid sub-channel ids and content types too', () => {
    const { request } = answer(withMessage({ Content: '', SubChannelId: 'not valid!', ContentType: 'x'.repeat(46) }));
    expect(request.ChannelMessage).not.toHaveProperty('Content');
    expect(request.ChannelMessage).not.toHaveProperty('SubChannelId');
    expect(request.ChannelMessage).not.toHaveProperty('ContentType');
  });

  test('a 4 KB message and 1024 characters of emoji metadata pass whole', () => {
    const content = 'é'.repeat(2048);
    const metadata = JSON.stringify({ note: '😀'.repeat(500) });
    const { request } = answer(withMessage({ Content: content, Metadata: metadata }));
    expect(request.ChannelMessage.Content).toBe(content);
    expect(request.ChannelMessage.Metadata).toBe(metadata);
  });
});

describe('message attribute rules', () => {
  const metadata = JSON.stringify({ priority: 'high', count: 3, urgent: true, tags: ['a', 2, { no: 1 }], nested: { x: 1 }, nothing: null });

  test('set, fromMetadata, fromSender and remove apply in order on top of the arriving attributes', () => {
    const { request, summary } = answer(withMessage({ Metadata: metadata, MessageAttributes: { client: { StringValues: ['ios'] }, keep: { StringValues: ['1'] } } }), [
      { op: 'set', name: 'source', values: ['web'] },
      { op: 'fromMetadata', name: 'priority', key: 'priority' },
      { op: 'fromSender', name: 'senderName', field: 'name' },
      { op: 'fromSender', name: 'senderArn', field: 'arn' },
      { op: 'remove', name: 'client' },
    ]);
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
    const { request } = answer(withMessage({ Metadata: metadata }), [{ op: 'fromMetadata', name: 'x', key }]);
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
    const noAttributes = answer(withMessage({ Metadata: md }), [{ op: 'fromMetadata', name: 'x', key }]);
    expect(noAttributes.request.ChannelMessage).not.toHaveProperty('MessageAttributes');
    const kept = answer(withMessage({ Metadata: md, MessageAttributes: { x: { StringValues: ['old'] } } }), [{ op: 'fromMetadata', name: 'x', key }]);
    expect(kept.request.ChannelMessage.MessageAttributes).toEqual({ x: { StringValues: ['old'] } });
    expect(kept.summary.attributesChanged).toBe(false);
  });

  test('a missing sender name yields nothing', () => {
    const { request } = answer(withMessage({ Sender: { Arn: 'arn:aws:chime:us-east-1:111122223333:app-instance/a/user/u' } }), [
      { op: 'fromSender', name: 'senderName', field: 'name' },
    ]);
    expect(request.ChannelMessage).not.toHaveProperty('MessageAttributes');
  });

  test('removing every arriving attribute sends an empty map, so the removal takes effect', () => {
    const { request, summary } = answer(withMessage({ MessageAttributes: { client: { StringValues: ['ios'] } } }), [{ op: 'remove', name: 'client' }]);
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
    const { request, summary } = answer(withMessage({ MessageAttributes: arrived }));
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
    const { request, summary } = answer(withMessage({ MessageAttributes: arrived }));
    expect(request.ChannelMessage.MessageAttributes).toEqual(arrived);
    expect(summary).toMatchObject({ attributesChanged: false, fitted: [] });
    expect(callbackViolations(request)).toEqual([]);
  });

  test('the answer of a policy that fails to evaluate fits arriving attributes too', () => {
    const arrived = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`a${i}`, { StringValues: [`value-${i}`] }]));
    const broken = { ...compilePolicy(documentOf({})), deny: [() => { throw new Error('boom'); }] };
    const { request, summary } = decide(eventOf(withMessage({ MessageAttributes: arrived })), broken);
    expect(callbackViolations(request)).toEqual([]);
    expect(summary).toMatchObject({ action: 'deliver', policyError: true, attributesChanged: true, fitted: ['MessageAttributes'] });
  });

  test('a client cannot push out what the policy sets by sending 1 KB of attributes', () => {
    const junk = { j0: { StringValues: ['j'.repeat(500)] }, j1: { StringValues: ['j'.repeat(500)] } };
    const { request } = answer(withMessage({ MessageAttributes: junk }), [
      { op: 'remove', name: 'senderName' },
      { op: 'fromSender', name: 'senderName', field: 'name' },
      { op: 'set', name: 'source', values: ['web'] },
    ]);
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
    const set = answer(withMessage({ MessageAttributes: arrived }), [{ op: 'set', name, values: ['w'] }, { op: 'set', name: 'x', values: ['y'] }]);
    expect(Object.keys(set.request.ChannelMessage.MessageAttributes!)).toEqual([name, 'x', 'other']);
    expect(set.request.ChannelMessage.MessageAttributes![name]).toEqual({ StringValues: ['w'] });
    const removed = answer(withMessage({ MessageAttributes: arrived }), [{ op: 'remove', name }, { op: 'set', name: 'x', values: ['y'] }]);
    expect(Object.keys(removed.request.ChannelMessage.MessageAttributes!)).toEqual(['x', 'other']);
    expect(JSON.parse(JSON.stringify(removed.request)).ChannelMessage.MessageAttributes).toEqual({ x: { StringValues: ['y'] }, other: { StringValues: ['o'] } });
  });
});

describe('push notification rules', () => {
  const send = (title: string, body: string, type: 'DEFAULT' | 'VOIP' = 'DEFAULT'): PushRuleDocument => ({ action: 'send', title, body, type });

  test('templates fill in the sender and the content', () => {
    const { request, summary } = answer(sampleEvent('message-basic'), [], [send('{{sender.name}}', '{{content}}', 'VOIP')]);
    expect(request.ChannelMessage.PushNotification).toEqual({ Title: 'Alice', Body: 'Hello team, the release is ready.', Type: 'VOIP' });
    expect(summary.push).toBe('sent');
  });

  test('templates read metadata and the attributes after the attribute rules', () => {
    const { request } = answer(withMessage({ Metadata: JSON.stringify({ topic: 'release' }) }),
      [{ op: 'set', name: 'team', values: ['core', 'web'] }],
      [send('[{{metadata.topic}}] {{sender.name}}', '{{attributes.team}}: {{content}}')]);
    expect(request.ChannelMessage.PushNotification).toEqual({ Title: '[release] Alice', Body: 'core, web: Hello team, the release is ready.', Type: 'DEFAULT' });
  });

  test('long texts are cut to 50 and 150 characters with an ellipsis, never inside an emoji', () => {
    const { request } = answer(withMessage({ Content: '😀'.repeat(200), Sender: { Name: 'n'.repeat(49) + '😀' } }), [], [send('{{sender.name}}', '{{content}}')]);
    const push = request.ChannelMessage.PushNotification!;
    expect(push.Title).toBe(`${'n'.repeat(49)}…`);
    expect(push.Body).toBe(`${'😀'.repeat(74)}…`);
    expect(push.Body.length).toBe(149);
  });

  test('a title or body that renders empty sends no push notification', () => {
    const { request, summary } = answer(withMessage({ Sender: {} }), [], [send('{{sender.name}}', '{{content}}')]);
    expect(request.ChannelMessage).not.toHaveProperty('PushNotification');
    expect(summary.push).toBe('none');
  });

  test('suppress sends none', () => {
    const { request, summary } = answer(sampleEvent('message-basic'), [], [{ action: 'suppress' }]);
    expect(request.ChannelMessage).not.toHaveProperty('PushNotification');
    expect(summary.push).toBe('suppressed');
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
