import * as fc from 'fast-check';
import { policyDocument } from './arbitraries';
import { validatePolicyDocument, assertPolicyDocument } from '../../src/core/validate';

describe('the policy document validator', () => {
  test('accepts every document the policy classes can render', () => {
    fc.assert(fc.property(policyDocument, (document) => {
      expect(validatePolicyDocument(document)).toEqual([]);
    }), { numRuns: 300 });
  });

  test.each([
    ['not an object', [], /policy: the policy document must be a JSON object/],
    ['another version', { version: 2, attributes: [], push: [] }, /policy: the policy document version must be 1/],
    ['attributes that are not a list', { version: 1, attributes: {}, push: [] }, /messageAttributes: must be a list of rules/],
    ['an unknown op', { version: 1, attributes: [{ op: 'rename', name: 'a' }], push: [] }, /messageAttributes\[0\] \(rename "a"\): has an unknown op/],
    ['a bad sender field', { version: 1, attributes: [{ op: 'fromSender', name: 'a', field: 'email' }], push: [] }, /the sender field must be "name" or "arn"/],
    ['an unknown push action', { version: 1, attributes: [], push: [{ action: 'shout' }] }, /pushNotification\[0\]: has an unknown action/],
    ['a bad push type', { version: 1, attributes: [], push: [{ action: 'send', title: 't', body: 'b', type: 'LOUD' }] }, /the type must be DEFAULT or VOIP/],
  ])('refuses %s', (_, document, error) => {
    expect(() => assertPolicyDocument(document)).toThrow(error);
  });

  test('a set rule overridden by a later rule does not count toward the fixed total', () => {
    const big = { op: 'set', name: 'a', values: ['x'.repeat(512), 'y'.repeat(512)] };
    expect(validatePolicyDocument({ version: 1, attributes: [big], push: [] })).toHaveLength(1);
    expect(validatePolicyDocument({ version: 1, attributes: [big, { op: 'remove', name: 'a' }], push: [] })).toEqual([]);
  });

  test('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (input) => {
      expect(() => validatePolicyDocument(input)).not.toThrow();
      expect(() => validatePolicyDocument({ version: 1, attributes: [input], push: [input] })).not.toThrow();
    }), { numRuns: 500 });
  });
});
