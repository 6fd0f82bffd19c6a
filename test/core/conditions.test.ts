import { compileCondition, containsWord, MessageFacts } from '../../src/core/conditions';
import { ConditionDocument } from '../../src/core/document';
import { StepBudget } from '../../src/core/pattern';

type FactsInput = Partial<MessageFacts> & { text?: string; meta?: Record<string, string[]>; attrs?: Record<string, string[]> };
const facts = (over: FactsInput = {}): MessageFacts => ({
  budget: new StepBudget(1_000_000),
  content: () => over.text ?? 'Hello team, the release is ready.',
  lowerContent: () => (over.text ?? 'Hello team, the release is ready.').toLowerCase(),
  metadata: (key) => over.meta?.[key] ?? [],
  attribute: (name) => over.attrs?.[name] ?? [],
  senderArn: over.senderArn ?? 'arn:aws:chime:us-east-1:111122223333:app-instance/a/user/alice',
  persistence: over.persistence ?? 'PERSISTENT',
  edited: over.edited ?? false,
});
const holds = (condition: ConditionDocument, f = facts()) => compileCondition(condition)(f);

describe('conditions', () => {
  test('contentMatches, with and without case', () => {
    expect(holds({ type: 'contentMatches', pattern: '\\brelease\\b', ignoreCase: false })).toBe(true);
    expect(holds({ type: 'contentMatches', pattern: 'HELLO', ignoreCase: false })).toBe(false);
    expect(holds({ type: 'contentMatches', pattern: 'HELLO', ignoreCase: true })).toBe(true);
  });

  test('contentContainsAny finds whole words and phrases, ignoring case, in any script', () => {
    expect(holds({ type: 'contentContainsAny', words: ['RELEASE'] })).toBe(true);
    expect(holds({ type: 'contentContainsAny', words: ['the release'] })).toBe(true);
    expect(holds({ type: 'contentContainsAny', words: ['eleas', 'team,'] })).toBe(true);
    expect(holds({ type: 'contentContainsAny', words: ['eleas', 'rea'] })).toBe(false);
    expect(containsWord('überfall und fall', 'fall')).toBe(true);
    expect(containsWord('überfall', 'fall')).toBe(false);
    expect(containsWord('😀bad😀', 'bad')).toBe(true);
    expect(containsWord('日本語の本', '本')).toBe(false);
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
    expect(holds({ type: 'and', conditions: [yes, yes] })).toBe(true);
    expect(holds({ type: 'and', conditions: [yes, no] })).toBe(false);
    expect(holds({ type: 'or', conditions: [no, yes] })).toBe(true);
    expect(holds({ type: 'or', conditions: [no, no] })).toBe(false);
    expect(holds({ type: 'not', condition: no })).toBe(true);
  });
});
