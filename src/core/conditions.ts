/**
 * Conditions on a message: checked (checkCondition) at synth time and when the processor
 * loads its document, then compiled once per container into plain functions
 * (compileCondition) that the decision calls per message.
 */
import { isScore, PII_ENTITY_TYPES, PiiFind, TOXICITY_LABELS, ToxicityResult } from './comprehend';
import { comprehendApisOf, ConditionDocument, PersistenceName } from './document';
import { isJsonObject, JsonObject } from './json';
import { BOT_ARN_PATTERN, SENDER_ARN_PATTERN } from './limits';
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
  readonly contentType?: string;
  readonly targetMemberArn?: string;
  /** The content as it stands at this step (redacted, once moderation has run). */
  content(): string;
  metadata(key: string): readonly string[];
  attribute(name: string): readonly string[];
  /** Comprehend's answers about the content as it arrived; each throws when its answer is missing or malformed. */
  dominantLanguage(): string | undefined;
  piiEntities(): readonly PiiFind[];
  toxicity(): readonly ToxicityResult[];
}

export type CompiledCondition = (facts: MessageFacts) => boolean;

/** Deeper nesting of and/or/not is refused, so no document can exhaust the stack. */
export const MAX_CONDITION_DEPTH = 16;
const PERSISTENCE: readonly PersistenceName[] = ['PERSISTENT', 'NON_PERSISTENT'];

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isNonEmptyStringList = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every(isNonEmptyString);

/** An optional list of names, each one of `known`: absent means all of them. */
export function checkNames(value: unknown, known: readonly string[], what: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isNonEmptyStringList(value)) return `${what} must be a non-empty list when given`;
  const unknown = value.find((name) => !known.includes(name));
  return unknown === undefined ? undefined : `unknown ${what.replace(/s$/, '')} ${JSON.stringify(unknown)}; known: ${known.join(', ')}`;
}

/** An RFC 5646 language code as Comprehend writes them (`en`, `zh-TW`). */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The problems of one condition, in order; `nested` checks the conditions of a combinator one level deeper. */
type ConditionCheck = (condition: JsonObject, nested: (conditions: readonly unknown[]) => void) => readonly (string | undefined)[];

const unless = (holds: boolean, message: string) => (holds ? undefined : message);

const checkCombinator: ConditionCheck = (condition, nested) => {
  if (!Array.isArray(condition.conditions) || condition.conditions.length === 0) return [`${String(condition.type)} needs at least one condition`];
  nested(condition.conditions);
  return [];
};

/**
 * The check of each kind of condition, keyed by the document's kinds: a kind added to
 * ConditionDocument does not compile until it has its check here (and its effect in
 * compileCondition).
 */
const CONDITION_CHECKS = {
  contentMatches: (c) => [checkPattern(c)],
  contentContainsAny: (c) => [unless(isNonEmptyStringList(c.words), 'contentContainsAny needs at least one word, and no empty word')],
  metadataEquals: (c) => [unless(isNonEmptyString(c.key) && typeof c.value === 'string', 'metadataEquals needs a non-empty key and a value')],
  attributeEquals: (c) => [unless(isNonEmptyString(c.name) && typeof c.value === 'string', 'attributeEquals needs a non-empty name and a value')],
  senderIn: (c) => {
    if (!isNonEmptyStringList(c.arns)) return ['senderIn needs at least one sender ARN, and no empty one'];
    const other = c.arns.find((arn) => !SENDER_ARN_PATTERN.test(arn));
    return [unless(other === undefined, 'senderIn takes AppInstanceUser or AppInstanceBot ARNs '
      + `(arn:PARTITION:chime:REGION:ACCOUNT:app-instance/ID/user/ID or .../bot/ID), got ${JSON.stringify(other)}`)];
  },
  persistence: (c) => [unless((PERSISTENCE as unknown[]).includes(c.value), 'persistence must be PERSISTENT or NON_PERSISTENT')],
  edited: (c) => [unless(typeof c.value === 'boolean', 'edited must be true or false')],
  senderIsBot: () => [],
  targeted: () => [],
  contentTypeIn: (c) => [unless(isNonEmptyStringList(c.types), 'contentTypeIn needs at least one content type, and no empty one')],
  toxicContent: (c) => [
    checkNames(c.labels, TOXICITY_LABELS, 'toxicity labels'),
    unless(isScore(c.threshold), 'the toxicity threshold must be a number from 0 to 1'),
  ],
  containsPii: (c) => [
    checkNames(c.types, PII_ENTITY_TYPES, 'PII entity types'),
    unless(isScore(c.minScore), 'the minimum score must be a number from 0 to 1'),
  ],
  languageIn: (c) => [unless(isNonEmptyStringList(c.codes) && c.codes.every((code) => LANGUAGE_CODE_PATTERN.test(code)),
    'languageIn needs at least one language code as Comprehend writes them (RFC 5646, such as en or zh-TW)')],
  allOf: checkCombinator,
  anyOf: checkCombinator,
  noneOf: checkCombinator,
} satisfies Record<ConditionDocument['type'], ConditionCheck>;

const isConditionType = (type: unknown): type is ConditionDocument['type'] =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(CONDITION_CHECKS, type);

/** Reports each problem of a condition as (path, message). */
export function checkCondition(condition: unknown, path: string, report: (path: string, message: string | undefined) => void, depth = 0): void {
  if (depth > MAX_CONDITION_DEPTH) return report(path, `conditions nest more than ${MAX_CONDITION_DEPTH} deep`);
  if (!isJsonObject(condition)) return report(path, 'a condition must be an object');
  const type = condition.type;
  if (!isConditionType(type)) return report(path, `unknown condition type ${JSON.stringify(type)}`);
  const nested = (conditions: readonly unknown[]) => conditions.forEach((c, i) => checkCondition(c, `${path}.${type}[${i}]`, report, depth + 1));
  return CONDITION_CHECKS[type](condition, nested).forEach((message) => report(path, message));
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
    case 'senderIsBot':
      return (facts) => facts.senderArn !== undefined && BOT_ARN_PATTERN.test(facts.senderArn);
    case 'contentTypeIn': {
      const types = new Set(condition.types);
      return (facts) => facts.contentType !== undefined && types.has(facts.contentType);
    }
    case 'targeted':
      return (facts) => facts.targetMemberArn !== undefined;
    case 'toxicContent': {
      const { threshold } = condition;
      const labels = condition.labels;
      return (facts) => facts.toxicity().some((result) => (labels
        ? labels.some((label) => (result.labels.get(label) ?? 0) >= threshold)
        : result.toxicity >= threshold));
    }
    case 'containsPii': {
      const types = condition.types ? new Set(condition.types) : undefined;
      return (facts) => facts.piiEntities().some((entity) => entity.score >= condition.minScore && (!types || types.has(entity.type)));
    }
    case 'languageIn': {
      const codes = new Set(condition.codes);
      return (facts) => {
        const language = facts.dominantLanguage();
        return language !== undefined && codes.has(language);
      };
    }
    case 'allOf': {
      const all = cheapFirst(condition.conditions).map(compileCondition);
      return (facts) => all.every((c) => c(facts));
    }
    case 'anyOf': {
      const any = cheapFirst(condition.conditions).map(compileCondition);
      return (facts) => any.some((c) => c(facts));
    }
    case 'noneOf': {
      const none = cheapFirst(condition.conditions).map(compileCondition);
      return (facts) => !none.some((c) => c(facts));
    }
  }
}

/**
 * The conditions with those that need no Comprehend answer first, otherwise in their order.
 * Conditions have no effects, so the order changes no outcome; it lets the processor see that
 * a message is decided without a call (a cheaper condition already settles it).
 */
export function cheapFirst(conditions: readonly ConditionDocument[]): ConditionDocument[] {
  const cost = (condition: ConditionDocument) => (comprehendApisOf(condition).size > 0 ? 1 : 0);
  return [...conditions].sort((a, b) => cost(a) - cost(b));
}

