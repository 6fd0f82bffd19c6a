import * as fc from 'fast-check';
import { compileCondition, MessageFacts, wordsMatcher } from '../../src/core/conditions';
import { ConditionDocument } from '../../src/core/document';
import { StepBudget } from '../../src/core/pattern/vm';
import { patternOf } from '../support/patterns';

type FactsInput = Partial<MessageFacts> & { text?: string; meta?: Record<string, string[]>; attrs?: Record<string, string[]> };
const facts = (over: FactsInput = {}): MessageFacts => ({
  budget: new StepBudget(1_000_000),
  content: () => over.text ?? 'Hello team, the release is ready.',
  metadata: (key) => over.meta?.[key] ?? [],
  attribute: (name) => over.attrs?.[name] ?? [],
  senderArn: over.senderArn ?? 'arn:aws:chime:us-east-1:111122223333:app-instance/a/user/alice',
  persistence: over.persistence ?? 'PERSISTENT',
  edited: over.edited ?? false,
  dominantLanguage: over.dominantLanguage ?? (() => 'en'),
  piiEntities: over.piiEntities ?? (() => []),
  toxicity: over.toxicity ?? (() => []),
});
const holds = (condition: ConditionDocument, f = facts()) => compileCondition(condition)(f);

describe('conditions', () => {
  test('contentMatches, with and without case', () => {
    expect(holds({ type: 'contentMatches', ...patternOf('\\brelease\\b', false) })).toBe(true);
    expect(holds({ type: 'contentMatches', ...patternOf('HELLO', false) })).toBe(false);
    expect(holds({ type: 'contentMatches', ...patternOf('HELLO', true) })).toBe(true);
  });

  test('contentContainsAny takes any word, however many of the expression syntax characters it holds', () => {
    expect(holds({ type: 'contentContainsAny', words: ['e-mail'] }, facts({ text: 'send an E-mail now' }))).toBe(true);
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme-ascii' }), (word) => {
      expect(wordsMatcher([word]).test(` ${word} `)).toBe(true);
    }), { numRuns: 500 });
  });

  test('contentContainsAny finds whole words and phrases, ignoring case, in any script', () => {
    expect(holds({ type: 'contentContainsAny', words: ['RELEASE'] })).toBe(true);
    expect(holds({ type: 'contentContainsAny', words: ['the release'] })).toBe(true);
    expect(holds({ type: 'contentContainsAny', words: ['eleas', 'team,'] })).toBe(true);
    expect(holds({ type: 'contentContainsAny', words: ['eleas', 'rea'] })).toBe(false);
    expect(wordsMatcher(['fall']).test('Überfall und Fall')).toBe(true);
    expect(wordsMatcher(['fall']).test('Überfall')).toBe(false);
    expect(wordsMatcher(['bad']).test('😀bad😀')).toBe(true);
    expect(wordsMatcher(['本']).test('日本語の本')).toBe(false);
    expect(wordsMatcher(['a.b', 'c+', '(x)']).test('see a.b here')).toBe(true);
    expect(wordsMatcher(['a.b']).test('see axb here')).toBe(false);
  });

  test('metadataEquals, attributeEquals, senderIn, persistence, edited', () => {
    const f = facts({ meta: { priority: ['high'] }, attrs: { client: ['ios', 'web'] }, persistence: 'NON_PERSISTENT', edited: true });
    expect(holds({ type: 'metadataEquals', key: 'priority', value: 'high' }, f)).toBe(true);
    expect(holds({ type: 'metadataEquals', key: 'priority', value: 'low' }, f)).toBe(false);
    expect(holds({ type: 'attributeEquals', name: 'client', value: 'web' }, f)).toBe(true);
    expect(holds({ type: 'attributeEquals', name: 'other', value: 'web' }, f)).toBe(false);
    expect(holds({ type: 'senderIn', arns: ['arn:aws:chime:us-east-1:111122223333:app-instance/a/user/alice'] }, f)).toBe(true);
    expect(holds({ type: 'senderIn', arns: ['arn:aws:chime:us-east-1:111122223333:app-instance/a/user/bob'] }, f)).toBe(false);
    expect(holds({ type: 'persistence', value: 'NON_PERSISTENT' }, f)).toBe(true);
    expect(holds({ type: 'edited', value: true }, f)).toBe(true);
    expect(holds({ type: 'edited', value: false }, f)).toBe(false);
  });

  test('and, or, not', () => {
    const yes: ConditionDocument = { type: 'edited', value: false };
    const no: ConditionDocument = { type: 'edited', value: true };
    expect(holds({ type: 'allOf', conditions: [yes, yes] })).toBe(true);
    expect(holds({ type: 'allOf', conditions: [yes, no] })).toBe(false);
    expect(holds({ type: 'anyOf', conditions: [no, yes] })).toBe(true);
    expect(holds({ type: 'anyOf', conditions: [no, no] })).toBe(false);
    expect(holds({ type: 'noneOf', conditions: [no] })).toBe(true);
    expect(holds({ type: 'noneOf', conditions: [no, yes] })).toBe(false);
    expect(holds({ type: 'noneOf', conditions: [no, no] })).toBe(true);
  });
});
