import { compilePolicy } from '../../src/core/compile-policy';
import { decide } from '../../src/core/decide';
import { PolicyDocument } from '../../src/core/document';
import { checkEvent } from '../../src/core/event';
import { sampleEvent } from '../helpers';
import { documentOf } from './arbitraries';
import { patternOf } from './pattern-document';

function answer(parts: Partial<PolicyDocument>, fields: Record<string, unknown> = {}) {
  const event = sampleEvent('message-basic');
  const checked = checkEvent({ ...event, ChannelMessage: { ...event.ChannelMessage, ...fields } });
  if (!checked.ok) throw new Error(checked.reason);
  return decide(checked.event, compilePolicy(documentOf(parts)));
}

const forbidden = { type: 'contentMatches' as const, ...patternOf('\\bforbidden\\b', true) };

describe('moderation', () => {
  test('a denied message is answered with DeleteResource and nothing else of it', () => {
    const { request, summary } = answer({ moderation: { deny: [forbidden], redact: [] } }, { Content: 'this is Forbidden', SubChannelId: 'sub-1' });
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
    }, { Content: 'mail bob@example.com the SECRETS' });
    expect(request.ChannelMessage.Content).toBe('mail [email] the ***');
    expect(request.ChannelMessage.MessageAttributes).toEqual({ found: { StringValues: ['***'] } });
    expect(request.ChannelMessage.PushNotification?.Body).toBe('mail [email] the ***');
    expect(summary.redactions).toBe(2);
  });

  test('deny conditions see the message as it arrived, before redaction', () => {
    const { summary } = answer({
      moderation: { deny: [{ type: 'contentContainsAny', words: ['bob@example.com'] }], redact: [{ kind: 'email', replacement: '[email]' }] },
    }, { Content: 'mail bob@example.com' });
    expect(summary.action).toBe('deny');
  });

  test('content that redaction makes longer is cut to what the message held, at a character boundary', () => {
    const content = `${'😀'.repeat(1000)} ${'a@b.cc '.repeat(13)}`.trim();
    const { request } = answer({ moderation: { deny: [], redact: [{ kind: 'email', replacement: '[an email address was here]' }] } }, { Content: content });
    expect(Buffer.byteLength(request.ChannelMessage.Content!)).toBeLessThanOrEqual(Math.max(4096, Buffer.byteLength(content)));
    expect(request.ChannelMessage.Content!.startsWith('😀'.repeat(1000))).toBe(true);
    expect(request.ChannelMessage.Content).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  test('redaction that lengthens astral characters stays within 4,096 in every unit the service may count', () => {
    // 4,096 emoji: 4,096 code points, 8,192 UTF-16 units, 16,384 bytes. Each becomes `**`.
    const content = '😀'.repeat(4096);
    const { request, summary } = answer({ moderation: { deny: [], redact: [{ kind: 'pattern', ...patternOf('😀', false), replacement: '**' }] } }, { Content: content });
    const sent = request.ChannelMessage.Content!;
    expect(sent).toBe('*'.repeat(4096));
    expect([sent.length, [...sent].length, Buffer.byteLength(sent)]).toEqual([4096, 4096, 4096]);
    expect(summary).toMatchObject({ redactions: 4096, fitted: ['Content'] });
  });

  test('redacted content no longer than what arrived, in any unit, is not cut', () => {
    const content = `${'😀'.repeat(3000)} a@b.cc`;
    const { request, summary } = answer({ moderation: { deny: [], redact: [{ kind: 'email', replacement: '[x]' }] } }, { Content: content });
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
    expect(answer({ messageAttributes: rules }, { Metadata: '{"priority":"low"}' }).request.ChannelMessage).not.toHaveProperty('MessageAttributes');
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
    const { request } = answer({ messageAttributes: [{ op: 'fromContent', name: 'mentions', ...patternOf('@(\\w+)', false) }] },
      { Content: 'hi @bob, @ann and @bob again; mail x@y' });
    expect(request.ChannelMessage.MessageAttributes).toEqual({ mentions: { StringValues: ['bob', 'ann', 'y'] } });
  });

  test('the first push rule that applies wins; edits and non-persistent messages can be kept quiet', () => {
    const push = [
      { action: 'suppress' as const, when: { type: 'or' as const, conditions: [{ type: 'edited' as const, value: true }, { type: 'persistence' as const, value: 'NON_PERSISTENT' as const }] } },
      { action: 'send' as const, title: 'Urgent: {{sender.name}}', body: '{{content}}', type: 'VOIP' as const, when: { type: 'metadataEquals' as const, key: 'priority', value: 'high' } },
      { action: 'send' as const, title: '{{sender.name}}', body: '{{content}}', type: 'DEFAULT' as const },
    ];
    expect(answer({ pushNotification: push }).request.ChannelMessage.PushNotification).toMatchObject({ Title: 'Urgent: Alice', Type: 'VOIP' });
    expect(answer({ pushNotification: push }, { Metadata: '{}' }).request.ChannelMessage.PushNotification).toMatchObject({ Title: 'Alice', Type: 'DEFAULT' });
    expect(answer({ pushNotification: push }, { LastEditedTimestamp: '2026-11-24T09:00:00.000Z' }).summary.push).toBe('suppressed');
    expect(answer({ pushNotification: push }, { Persistence: 'NON_PERSISTENT' }).summary.push).toBe('suppressed');
    expect(answer({ pushNotification: [push[1]] }, { Metadata: '{}' }).summary.push).toBe('none');
  });
});

describe('patterns that would take too long', () => {
  test('exhaust the message\'s step budget, and the message is answered by onError instead of stalling', () => {
    const { request, summary } = answer({
      onError: 'deny',
      moderation: { deny: [], redact: [{ kind: 'pattern', ...patternOf('.*z|a', false), replacement: '#' }] },
    }, { Content: 'a'.repeat(4096) });
    expect(summary).toMatchObject({ action: 'deny', policyError: true });
    expect(request.DeleteResource).toBe(true);
  });
});

describe('a policy of slow but real patterns', () => {
  test('is not cut short on 4 KB of hex digits: the message is answered by its rules, not by onError', () => {
    const hex = Array.from({ length: 4096 }, (_, i) => '0123456789abcdef'[(i * 7) % 16]).join('');
    const { summary } = answer({
      onError: 'deny',
      moderation: { deny: [], redact: [{ kind: 'pattern', ...patternOf('[\\w.+-]+@[\\w-]+\\.[\\w.-]+', false), replacement: '[email]' }] },
      messageAttributes: [{ op: 'fromContent', name: 'credentials', ...patternOf('[\\w.-]{1,100}:[^\\s@]{1,100}@', false) }],
    }, { Content: hex });
    expect(summary).toMatchObject({ action: 'deliver' });
    expect(summary.policyError).toBeUndefined();
  });
});

describe('a policy that cannot be evaluated', () => {
  const event = (() => {
    const checked = checkEvent(sampleEvent('message-basic'));
    if (!checked.ok) throw new Error(checked.reason);
    return checked.event;
  })();
  const broken = (onError: 'deliver' | 'deny') => {
    const policy = compilePolicy(documentOf({ onError }));
    return { ...policy, deny: [() => { throw new Error('boom'); }] };
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
