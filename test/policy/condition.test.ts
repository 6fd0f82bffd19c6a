import { Errors, Lazy } from 'aws-cdk-lib';
import { Condition } from '../../src';

const USER = 'arn:aws:chime:us-east-1:111122223333:app-instance/a/user/ceo';
const BOT = 'arn:aws:chime:us-east-1:111122223333:app-instance/a/bot/helper';

describe('Condition.senderIn', () => {
  test('takes AppInstanceUser and AppInstanceBot ARNs', () => {
    expect(Condition.senderIn([USER, BOT])._document).toEqual({ type: 'senderIn', arns: [USER, BOT] });
  });

  test.each([
    ['bob', /^Condition.senderIn: expected an AppInstanceUser or AppInstanceBot ARN .* got "bob"$/],
    ['arn:aws:chime:us-east-1:111122223333:app-instance/a/channel/c', /got "arn:aws:chime:us-east-1:111122223333:app-instance\/a\/channel\/c"$/],
    ['arn:aws:chime:us-east-1:111122223333:app-instance/a', /expected an AppInstanceUser or AppInstanceBot ARN/],
    [Lazy.string({ produce: () => USER }), /^Condition.senderIn: the sender ARNs must be known at synth time; a token was given$/],
  ])('refuses what can never be a sender, where it is written: %s', (arn, error) => {
    expect(() => Condition.senderIn([USER, arn])).toThrow(error);
    try {
      Condition.senderIn([arn]);
    } catch (e) {
      expect(Errors.isValidationError(e)).toBe(true);
    }
  });
});

describe('allOf, anyOf and noneOf', () => {
  test('render one list each, so noneOf(c) is "not c"', () => {
    const [a, b] = [Condition.isEdited(), Condition.metadataEquals('k', 'v')];
    expect(Condition.allOf(a, b)._document).toEqual({ type: 'allOf', conditions: [a._document, b._document] });
    expect(Condition.anyOf(a, b)._document).toEqual({ type: 'anyOf', conditions: [a._document, b._document] });
    expect(Condition.noneOf(a)._document).toEqual({ type: 'noneOf', conditions: [a._document] });
  });
});
