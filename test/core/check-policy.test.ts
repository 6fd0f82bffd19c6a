import * as fc from 'fast-check';
import { checkPolicyDocument, describeProblems } from '../../src/core/check-policy';
import { compilePolicy } from '../../src/core/compile-policy';
import { documentOf, policyDocument } from '../support/arbitraries';

const problemsOf = (document: unknown) => {
  const checked = checkPolicyDocument(document);
  return checked.ok ? [] : checked.problems;
};

describe('checkPolicyDocument', () => {
  test('accepts every document the policy classes can render, and what it accepts compiles', () => {
    fc.assert(fc.property(policyDocument, (document) => {
      expect(problemsOf(document)).toEqual([]);
      expect(() => compilePolicy(document)).not.toThrow();
    }), { numRuns: 300 });
  });

  test.each([
    ['not an object', [], /policy: the policy document must be a JSON object/],
    ['another version', { ...documentOf({}), version: 2 }, /policy: the policy document version must be 3/],
    ['no onError', { ...documentOf({}), onError: undefined }, /policy: onError must be "deliver" or "deny"/],
    ['no moderation', { ...documentOf({}), moderation: undefined }, /moderation: must have a list of deny conditions and a list of redactions/],
    ['messageAttributes that are not a list', { ...documentOf({}), messageAttributes: {} }, /messageAttributes: must be a list of rules/],
    ['an unknown op', documentOf({ messageAttributes: [{ op: 'rename', name: 'a' } as any] }), /messageAttributes\[0\] \(rename "a"\): has an unknown op/],
    ['a bad sender field', documentOf({ messageAttributes: [{ op: 'fromSender', name: 'a', field: 'email' } as any] }), /the sender field must be "name" or "arn"/],
    ['an unknown push action', documentOf({ pushNotification: [{ action: 'shout' } as any] }), /pushNotification\[0\]: has an unknown action/],
    ['a bad push type', documentOf({ pushNotification: [{ action: 'send', title: 't', body: 'b', type: 'LOUD' } as any] }), /the type must be DEFAULT or VOIP/],
    ['an unknown condition', documentOf({ moderation: { deny: [{ type: 'sometimes' } as any], redact: [] } }), /moderation.deny\[0\]: unknown condition type "sometimes"/],
    ['an empty anyOf', documentOf({ pushNotification: [{ action: 'suppress', when: { type: 'anyOf', conditions: [] } }] }), /pushNotification\[0\].when: anyOf needs at least one condition/],
    ['a sender that is not a user or a bot', documentOf({ moderation: { deny: [{ type: 'senderIn', arns: ['bob'] }], redact: [] } }),
      /moderation.deny\[0\]: senderIn takes AppInstanceUser or AppInstanceBot ARNs .* got "bob"/],
    ['a nested pattern whose tree is beyond the engine\'s limits', documentOf({
      messageAttributes: [{
        op: 'set',
        name: 'a',
        values: ['b'],
        when: {
          type: 'noneOf',
          conditions: [{
            type: 'contentMatches', pattern: 'a{0,999}', ignoreCase: false, syntax: { type: 'repeat', body: { type: 'char', ranges: [[97, 97]] }, min: 0, max: 999, greedy: true },
          }],
        },
      }],
    }),
    /messageAttributes\[0\] \(set "a"\).when.noneOf\[0\]: the pattern "a\{0,999\}" comes with a syntax tree the processor cannot run: a repetition needs counts from 0 to 100/],
    ['an unknown detector', documentOf({ moderation: { deny: [], redact: [{ kind: 'iban', replacement: 'x' } as any] } }), /moderation.redact\[0\]: unknown redaction kind "iban"/],
    ['an empty replacement', documentOf({ moderation: { deny: [], redact: [{ kind: 'email', replacement: '' }] } }), /moderation.redact\[0\]: the replacement must be 1-100 characters, got 0/],
  ])('refuses %s', (_, document, error) => {
    expect(describeProblems(problemsOf(document))).toMatch(error);
  });

  test('a document that passes comes back with its push templates parsed, so nothing parses them twice', () => {
    const checked = checkPolicyDocument(documentOf({
      pushNotification: [
        { action: 'suppress', when: { type: 'edited', value: true } },
        { action: 'send', title: 'From {{sender.name}}', body: '{{content}}', type: 'VOIP' },
      ],
    }));
    expect(checked).toMatchObject({
      ok: true,
      pushNotification: [
        { action: 'suppress', when: { type: 'edited', value: true } },
        { action: 'send', title: [{ text: 'From ' }, { source: 'sender.name' }], body: [{ source: 'content' }], type: 'VOIP' },
      ],
    });
  });

  test('reports every problem, not only the first', () => {
    const problems = problemsOf(documentOf({
      pushNotification: [{ action: 'send', title: '{{nope}}', body: '', type: 'DEFAULT' }],
      messageAttributes: [{ op: 'fromSender', name: '', field: 'name' }],
    }));
    expect(problems.map((p) => p.path)).toEqual(['messageAttributes[0] (fromSender "")', 'pushNotification[0]', 'pushNotification[0]']);
  });

  test('a set rule overridden by a later rule does not count toward the fixed total', () => {
    const big = { op: 'set' as const, name: 'a', values: ['x'.repeat(512), 'y'.repeat(512)] };
    expect(problemsOf(documentOf({ messageAttributes: [big] }))).toHaveLength(1);
    expect(problemsOf(documentOf({ messageAttributes: [big, { op: 'fromSender', name: 'a', field: 'name' }] }))).toHaveLength(1);
    expect(problemsOf(documentOf({ messageAttributes: [big, { op: 'remove', name: 'a' }] }))).toEqual([]);
    expect(problemsOf(documentOf({ messageAttributes: [big, { op: 'remove', name: 'a', when: { type: 'edited', value: true } }] }))).toHaveLength(1);
    // A conditional set may not apply: its size is left to the run-time fitting.
    expect(problemsOf(documentOf({ messageAttributes: [{ ...big, when: { type: 'edited', value: true } }] }))).toEqual([]);
  });

  test('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (input) => {
      expect(() => checkPolicyDocument(input)).not.toThrow();
      const everywhere = { ...documentOf({}), messageAttributes: [input], pushNotification: [input], moderation: { deny: [input], redact: [input] } };
      expect(() => checkPolicyDocument(everywhere)).not.toThrow();
      expect(() => checkPolicyDocument(documentOf({ pushNotification: [{ action: 'suppress', when: input as any }] }))).not.toThrow();
    }), { numRuns: 500 });
  });
});
