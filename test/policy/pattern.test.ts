import { Errors, Lazy } from 'aws-cdk-lib';
import { Condition, MessageAttributeRule, Redaction } from '../../src';

describe('patterns are parsed where they are written', () => {
  test.each([
    [() => Condition.contentMatches('(a)\\1'), /^Condition.contentMatches: the pattern "\(a\)\\\\1" is not supported: the backreference \\1 at 3 is not supported$/],
    [() => Redaction.pattern('a(?=b)'), /^Redaction.pattern: the pattern "a\(\?=b\)" is not supported: lookahead \(\?= at 1 is not supported$/],
    [() => MessageAttributeRule.fromContent('m', '[a-'), /^MessageAttributeRule.fromContent: the pattern "\[a-" is not supported: unterminated character class at 3 \(JavaScript refuses it too\)$/],
    [() => Condition.contentMatches(Lazy.string({ produce: () => 'a' })), /^Condition.contentMatches: the pattern must be known at synth time; a token was given$/],
    [() => Condition.contentMatches(''), /^Condition.contentMatches: the pattern must not be empty$/],
    [() => Condition.contentMatches('(?:a{100}){100}'), /^Condition.contentMatches: the pattern "\(\?:a\{100\}\)\{100\}" is not supported: the pattern is too large once its repetitions are expanded/],
  ])('a pattern the engine cannot run fails where it is written, a validation error naming the factory and the reason: %#', (write, error) => {
    expect(write).toThrow(error);
    try {
      write();
    } catch (e) {
      expect(Errors.isValidationError(e)).toBe(true);
    }
  });
});
