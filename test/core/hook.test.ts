import * as fc from 'fast-check';
import { compilePolicy } from '../../src/core/compile-policy';
import { decide } from '../../src/core/decide';
import { applyHookResult, HookAnswerError, hookEvent } from '../../src/core/hook';
import { documentOf } from '../support/arbitraries';
import { callbackViolations } from '../support/callback-limits';
import { eventOf, withMessage } from '../support/decisions';

const policy = compilePolicy(documentOf({
  moderation: { deny: [{ type: 'contentContainsAny', words: ['forbidden'] }], redact: [{ kind: 'email', replacement: '[email]' }] },
  messageAttributes: [{ op: 'set', name: 'source', values: ['web'] }],
  pushNotification: [{ action: 'send', title: '{{sender.name}}', body: '{{content}}', type: 'DEFAULT' }],
  onError: 'deny',
}));
const arrived = withMessage({
  Content: 'mail ann@example.com',
  MessageAttributes: { 'CHIME.mentions': { StringValues: ['arn:aws:chime:us-east-1:111122223333:app-instance/a/bot/b'] } },
  Target: [{ MemberArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/a/user/bob' }],
});
const event = eventOf(arrived);
const proposal = decide(event, policy);
const answer = (result: unknown) => applyHookResult(event, proposal, result);

describe('the hook event', () => {
  test('carries the message as it arrived and the policy\'s proposal, versioned', () => {
    expect(hookEvent(event, proposal.request)).toEqual({
      version: 1,
      callbackId: arrived.CallbackId,
      message: expect.objectContaining({
        messageId: arrived.ChannelMessage.MessageId,
        content: 'mail ann@example.com',
        senderName: 'Alice',
        targetMemberArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/a/user/bob',
        attributes: { 'CHIME.mentions': ['arn:aws:chime:us-east-1:111122223333:app-instance/a/bot/b'] },
        edited: false,
      }),
      proposal: {
        action: 'deliver',
        content: 'mail [email]',
        metadata: arrived.ChannelMessage.Metadata,
        attributes: { 'CHIME.mentions': ['arn:aws:chime:us-east-1:111122223333:app-instance/a/bot/b'], 'source': ['web'] },
        pushNotification: { title: 'Alice', body: 'mail [email]', type: 'DEFAULT' },
      },
    });
    expect(hookEvent(eventOf(withMessage({ Content: 'forbidden' })), decide(eventOf(withMessage({ Content: 'forbidden' })), policy).request).proposal)
      .toEqual({ action: 'deny' });
  });
});

describe('the hook\'s answer', () => {
  test('nothing, or keep, keeps the proposal', () => {
    for (const kept of [null, undefined, {}, { action: 'keep' }, { version: 1, action: 'keep' }]) {
      expect(answer(kept).request).toEqual(proposal.request);
    }
  });

  test('deny denies', () => {
    expect(answer({ action: 'deny' })).toMatchObject({ request: { DeleteResource: true }, summary: { action: 'deny', hook: 'deny' } });
  });

  test('replacements are fitted as the policy\'s own values are', () => {
    const long = 'x'.repeat(5000);
    const { request, summary } = answer({
      action: 'replace',
      content: long,
      metadata: '{"routed":true}',
      attributes: { topic: ['billing'], big: ['y'.repeat(600)] },
      pushNotification: { title: 't'.repeat(80), body: 'new ticket', type: 'VOIP' },
    });
    expect(request.ChannelMessage.Content).toHaveLength(4096);
    expect(request.ChannelMessage.Metadata).toBe('{"routed":true}');
    // The service's own attribute that arrived is kept first; the hook's replace the proposal's.
    expect(Object.keys(request.ChannelMessage.MessageAttributes!)).toEqual(['CHIME.mentions', 'topic', 'big']);
    expect(request.ChannelMessage.MessageAttributes!.big.StringValues[0]).toHaveLength(512);
    expect(request.ChannelMessage.PushNotification).toEqual({ Title: `${'t'.repeat(49)}\u2026`, Body: 'new ticket', Type: 'VOIP' });
    expect(summary).toMatchObject({ hook: 'replace', fitted: expect.arrayContaining(['Content', 'MessageAttributes']) });
    expect(callbackViolations(request)).toEqual([]);
    expect(answer({ action: 'replace', removePushNotification: true }).request.ChannelMessage.PushNotification).toBeUndefined();
  });

  test.each([
    ['another contract version', { version: 2 }],
    ['an unknown action', { action: 'allow' }],
    ['empty content', { action: 'replace', content: '' }],
    ['metadata over 1,024 characters', { action: 'replace', metadata: 'm'.repeat(1025) }],
    ['attributes that are not string lists', { action: 'replace', attributes: { a: 'b' } }],
    ['an attribute the service reads', { action: 'replace', attributes: { 'CHIME.mentions': [] } }],
    ['a push type that is not DEFAULT or VOIP', { action: 'replace', pushNotification: { title: 'a', body: 'b', type: 'LOUD' } }],
    ['a list', [1, 2]],
  ])('refuses %s', (_, bad) => {
    expect(() => answer(bad)).toThrow(HookAnswerError);
  });

  test('found in review: attribute names must be well-formed text, and a bot\'s content is never cut', () => {
    expect(() => answer({ action: 'replace', attributes: { 'k\ud800': ['v'] } })).toThrow(HookAnswerError);
    const bot = eventOf(withMessage({
      Content: '{"Messages":[]}',
      ContentType: 'application/amz-chime-lex-msgs',
      Sender: { Arn: 'arn:aws:chime:us-east-1:111122223333:app-instance/a/bot/b', Name: 'Bot' },
    }));
    expect(() => applyHookResult(bot, decide(bot, policy), { action: 'replace', content: `{"x":"${'y'.repeat(5000)}"}` })).toThrow(/without being cut/);
  });

  test('found in review: the service\'s attributes are kept as the policy left them, not as they arrived', () => {
    const removing = compilePolicy(documentOf({ messageAttributes: [{ op: 'remove', name: 'CHIME.mentions', serviceAttribute: true }] }));
    const removed = applyHookResult(event, decide(event, removing), { action: 'replace', attributes: { b: ['2'] } });
    expect(removed.request.ChannelMessage.MessageAttributes).toEqual({ b: { StringValues: ['2'] } });
  });

  test('a message the policy denied stays denied: a replacement is refused, deny and keep are taken', () => {
    const denied = eventOf(withMessage({ Content: 'forbidden' }));
    const deniedProposal = decide(denied, policy);
    expect(() => applyHookResult(denied, deniedProposal, { action: 'replace', content: 'fine' })).toThrow(/stays denied/);
    expect(applyHookResult(denied, deniedProposal, null).request.DeleteResource).toBe(true);
  });

  test('property: whatever the hook answers, the callback is valid or the answer is refused', () => {
    const push = fc.record({ title: fc.string({ unit: 'binary', maxLength: 300 }), body: fc.string({ unit: 'binary' }), type: fc.constantFrom('DEFAULT', 'VOIP', 'x') });
    const replacement = fc.record({
      action: fc.constantFrom('replace', 'keep', 'deny'),
      content: fc.string({ unit: 'binary', maxLength: 6000 }),
      metadata: fc.string({ unit: 'binary', maxLength: 1100 }),
      attributes: fc.dictionary(fc.string({ unit: 'binary', maxLength: 80 }), fc.array(fc.string({ unit: 'binary', maxLength: 700 }), { maxLength: 4 })),
      pushNotification: push,
      removePushNotification: fc.boolean(),
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(replacement, fc.anything()), (result) => {
      try {
        expect(callbackViolations(answer(result).request, arrived.ChannelMessage)).toEqual([]);
      } catch (error) {
        if (!(error instanceof HookAnswerError)) throw error;
      }
    }), { numRuns: 400 });
  });
});
