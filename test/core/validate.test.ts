import * as fc from 'fast-check';
import { documentOf, policyDocument } from './arbitraries';
import { validatePolicyDocument, assertPolicyDocument } from '../../src/core/validate';

describe('the policy document validator', () => {
  test('accepts every document the policy classes can render', () => {
    fc.assert(fc.property(policyDocument, (document) => {
      expect(validatePolicyDocument(document)).toEqual([]);
    }), { numRuns: 300 });
  });

  test.each([
    ['not an object', [], /policy: the policy document must be a JSON object/],
    ['another version', { ...documentOf({}), version: 1 }, /policy: the policy document version must be 2/],
    ['no onError', { ...documentOf({}), onError: undefined }, /policy: onError must be "deliver" or "deny"/],
    ['no moderation', { ...documentOf({}), moderation: undefined }, /moderation: must have a list of deny conditions and a list of redactions/],
    ['attributes that are not a list', { ...documentOf({}), attributes: {} }, /messageAttributes: must be a list of rules/],
    ['an unknown op', documentOf({ attributes: [{ op: 'rename', name: 'a' } as any] }), /messageAttributes\[0\] \(rename "a"\): has an unknown op/],
    ['a bad sender field', documentOf({ attributes: [{ op: 'fromSender', name: 'a', field: 'email' } as any] }), /the sender field must be "name" or "arn"/],
    ['an unknown push action', documentOf({ push: [{ action: 'shout' } as any] }), /pushNotification\[0\]: has an unknown action/],
    ['a bad push type', documentOf({ push: [{ action: 'send', title: 't', body: 'b', type: 'LOUD' } as any] }), /the type must be DEFAULT or VOIP/],
    ['an unknown condition', documentOf({ moderation: { deny: [{ type: 'sometimes' } as any], redact: [] } }), /moderation.deny\[0\]: unknown condition type "sometimes"/],
    ['an empty or', documentOf({ push: [{ action: 'suppress', when: { type: 'or', conditions: [] } }] }), /pushNotification\[0\].when: or needs at least one condition/],
    ['a nested pattern whose tree is beyond the engine\'s limits', documentOf({
      attributes: [{
        op: 'set',
        name: 'a',
        values: ['b'],
        when: {
          type: 'not',
          condition: {
            type: 'contentMatches', pattern: 'a{0,999}', ignoreCase: false, syntax: { type: 'repeat', body: { type: 'char', ranges: [[97, 97]] }, min: 0, max: 999, greedy: true },
          },
        },
      }],
    }),
    /messageAttributes\[0\] \(set "a"\).when.not: the pattern "a\{0,999\}" comes with a syntax tree the processor cannot run: a repetition needs counts from 0 to 100/],
    ['an unknown detector', documentOf({ moderation: { deny: [], redact: [{ kind: 'iban', replacement: 'x' } as any] } }), /moderation.redact\[0\]: unknown redaction kind "iban"/],
    ['an empty replacement', documentOf({ moderation: { deny: [], redact: [{ kind: 'email', replacement: '' }] } }), /moderation.redact\[0\]: the replacement must be 1-100 characters, got 0/],
  ])('refuses %s', (_, document, error) => {
    expect(() => assertPolicyDocument(document)).toThrow(error);
  });

  test('a set rule overridden by a later rule does not count toward the fixed total', () => {
    const big = { op: 'set' as const, name: 'a', values: ['x'.repeat(512), 'y'.repeat(512)] };
    expect(validatePolicyDocument(documentOf({ attributes: [big] }))).toHaveLength(1);
    expect(validatePolicyDocument(documentOf({ attributes: [big, { op: 'fromSender', name: 'a', field: 'name' }] }))).toHaveLength(1);
    expect(validatePolicyDocument(documentOf({ attributes: [big, { op: 'remove', name: 'a' }] }))).toEqual([]);
    expect(validatePolicyDocument(documentOf({ attributes: [big, { op: 'remove', name: 'a', when: { type: 'edited', value: true } }] }))).toHaveLength(1);
    // A conditional set may not apply: its size is left to the run-time fitting.
    expect(validatePolicyDocument(documentOf({ attributes: [{ ...big, when: { type: 'edited', value: true } }] }))).toEqual([]);
  });

  test('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (input) => {
      expect(() => validatePolicyDocument(input)).not.toThrow();
      const everywhere = { ...documentOf({}), attributes: [input], push: [input], moderation: { deny: [input], redact: [input] } };
      expect(() => validatePolicyDocument(everywhere)).not.toThrow();
      expect(() => validatePolicyDocument(documentOf({ push: [{ action: 'suppress', when: input as any }] }))).not.toThrow();
    }), { numRuns: 500 });
  });
});
