/**
 * Conditions on a message: checked (checkCondition) at synth time and when the processor
 * loads its document, then compiled once per container into plain functions
 * (compileCondition) that the decision calls per message.
 */
import { ConditionDocument, PersistenceName } from './document';
import { isJsonObject as isObject } from './json';
import { SENDER_ARN_PATTERN } from './limits';
import { checkPattern } from './pattern/check';
import { CompiledPattern, StepBudget } from './pattern/vm';
import { WORD_CHAR_CLASS } from './text';

/** What a condition can read of a message. */
export interface MessageFacts {
  /** The pattern steps left for this message. */
  readonly budget: StepBudget;
  readonly senderArn?: string;
  readonly persistence?: string;
  readonly edited: boolean;
  /** The content as it stands at this step (redacted, once moderation has run). */
  content(): string;
  metadata(key: string): readonly string[];
  attribute(name: string): readonly string[];
}

export type CompiledCondition = (facts: MessageFacts) => boolean;

/** Deeper nesting of and/or/not is refused, so no document can exhaust the stack. */
export const MAX_CONDITION_DEPTH = 16;
const PERSISTENCE: readonly PersistenceName[] = ['PERSISTENT', 'NON_PERSISTENT'];

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isNonEmptyStringList = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every(isNonEmptyString);

/** Reports each problem of a condition as (path, message). */
export function checkCondition(condition: unknown, path: string, report: (path: string, message: string) => void, depth = 0): void {
  if (depth > MAX_CONDITION_DEPTH) return report(path, `conditions nest more than ${MAX_CONDITION_DEPTH} deep`);
  if (!isObject(condition)) return report(path, 'a condition must be an object');
  const problem = (ok: boolean, message: string) => (ok ? undefined : report(path, message));
  switch (condition.type) {
    case 'contentMatches': {
      const p = checkPattern(condition);
      return p === undefined ? undefined : report(path, p);
    }
    case 'contentContainsAny':
      return problem(isNonEmptyStringList(condition.words), 'contentContainsAny needs at least one word, and no empty word');
    case 'metadataEquals':
      return problem(isNonEmptyString(condition.key) && typeof condition.value === 'string', 'metadataEquals needs a non-empty key and a value');
    case 'attributeEquals':
      return problem(isNonEmptyString(condition.name) && typeof condition.value === 'string', 'attributeEquals needs a non-empty name and a value');
    case 'senderIn': {
      if (!isNonEmptyStringList(condition.arns)) return report(path, 'senderIn needs at least one sender ARN, and no empty one');
      const other = condition.arns.find((arn) => !SENDER_ARN_PATTERN.test(arn));
      return problem(other === undefined, `senderIn takes AppInstanceUser or AppInstanceBot ARNs (arn:PARTITION:chime:REGION:ACCOUNT:app-instance/ID/user/ID or .../bot/ID), got ${JSON.stringify(other)}`);
    }
    case 'persistence':
      return problem((PERSISTENCE as unknown[]).includes(condition.value), 'persistence must be PERSISTENT or NON_PERSISTENT');
    case 'edited':
      return problem(typeof condition.value === 'boolean', 'edited must be true or false');
    case 'allOf':
    case 'anyOf':
    case 'noneOf':
      if (!Array.isArray(condition.conditions) || condition.conditions.length === 0) {
        return report(path, `${condition.type} needs at least one condition`);
      }
      return condition.conditions.forEach((c: unknown, i: number) => checkCondition(c, `${path}.${condition.type}[${i}]`, report, depth + 1));
    default:
      return report(path, `unknown condition type ${JSON.stringify(condition.type)}`);
  }
}

/**
 * A native search for any of the words as whole words, ignoring case. The expression is a list
 * of literal alternatives between two one-character lookarounds: nothing in it can backtrack
 * beyond the length of a word, so it runs at native speed in linear time.
 */
export function wordsMatcher(words: readonly string[]): RegExp {
  // Only the syntax characters and `/` may be escaped under flag `u` (`\-` is refused there).
  const escaped = words.map((word) => word.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'));
  return new RegExp(`(?<!${WORD_CHAR_CLASS})(?:${escaped.join('|')})(?!${WORD_CHAR_CLASS})`, 'iu');
}

/** The condition as a function; the document must have passed checkCondition. */
export function compileCondition(condition: ConditionDocument): CompiledCondition {
  switch (condition.type) {
    case 'contentMatches': {
      const pattern = new CompiledPattern(condition.syntax, condition.ignoreCase);
      return (facts) => pattern.test(facts.content(), facts.budget);
    }
    case 'contentContainsAny': {
      const matcher = wordsMatcher(condition.words);
      return (facts) => matcher.test(facts.content());
    }
    case 'metadataEquals':
      return (facts) => facts.metadata(condition.key).includes(condition.value);
    case 'attributeEquals':
      return (facts) => facts.attribute(condition.name).includes(condition.value);
    case 'senderIn': {
      const arns = new Set(condition.arns);
      return (facts) => facts.senderArn !== undefined && arns.has(facts.senderArn);
    }
    case 'persistence':
      return (facts) => facts.persistence === condition.value;
    case 'edited':
      return (facts) => facts.edited === condition.value;
    case 'allOf': {
      const all = condition.conditions.map(compileCondition);
      return (facts) => all.every((c) => c(facts));
    }
    case 'anyOf': {
      const any = condition.conditions.map(compileCondition);
      return (facts) => any.some((c) => c(facts));
    }
    case 'noneOf': {
      const none = condition.conditions.map(compileCondition);
      return (facts) => !none.some((c) => c(facts));
    }
  }
}
