/**
 * A pattern's syntax tree: what the construct ships in the policy document for each pattern,
 * parsed from the source at synth time (parse.ts) and compiled by the processor (compile.ts).
 *
 * The tree is resolved: every class is the plain set of code points it matches, negation and
 * escapes already applied, and ignoring case already closed under Unicode's simple case folding.
 * So the processor needs neither the ECMAScript parser nor the Unicode tables. It cannot check
 * that a tree is the parse of its source; it checks the tree (`checkSyntax`) and refuses a
 * document whose tree is malformed or beyond the engine's limits.
 */
import { MAX_CODE_POINT, Range } from './ranges';
import { isJsonObject } from '../json';

export type { Range } from './ranges';

/** Longest pattern source accepted. */
export const PATTERN_MAX_LENGTH = 500;
/** Largest count in a repetition `{n,m}`. */
export const MAX_REPEAT = 100;
/** Deepest tree accepted: deeper than any pattern of PATTERN_MAX_LENGTH characters can make. */
export const MAX_SYNTAX_DEPTH = 1000;

export type AssertKind = 'start' | 'end' | 'word' | 'notWord';

export type PatternSyntax =
  /** One character of the set: sorted, disjoint, non-adjacent ranges of code points. */
  | { readonly type: 'char'; readonly ranges: readonly Range[] }
  | { readonly type: 'assert'; readonly kind: AssertKind }
  /** `capture` is the group's number in JavaScript's numbering; absent for `(?:...)`. */
  | { readonly type: 'group'; readonly capture?: number; readonly body: PatternSyntax }
  | { readonly type: 'concat'; readonly items: readonly PatternSyntax[] }
  | { readonly type: 'alt'; readonly options: readonly PatternSyntax[] }
  /** `max` null: no upper bound. */
  | { readonly type: 'repeat'; readonly body: PatternSyntax; readonly min: number; readonly max: number | null; readonly greedy: boolean };

/** A pattern the engine cannot run, or a tree it cannot trust. */
export class PatternError extends Error {
  public readonly name = 'PatternError';
}

/** JavaScript's WordCharacters, `[0-9A-Za-z_]`, for `\w`, `\W`, `\b` and `\B`. */
export const WORD_RANGES: readonly Range[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
/**
 * WordCharacters ignoring case (flags u and i): also every character that folds to one of them,
 * ſ (to s) and the Kelvin sign (to k). A test holds this to the case-folding data.
 */
export const WORD_RANGES_IGNORING_CASE: readonly Range[] = [...WORD_RANGES, [0x17f, 0x17f], [0x212a, 0x212a]];

/** Whether the tree can match the empty text. */
export function canMatchEmpty(node: PatternSyntax): boolean {
  switch (node.type) {
    case 'char': return false;
    case 'assert': return true;
    case 'group': return canMatchEmpty(node.body);
    case 'concat': return node.items.every(canMatchEmpty);
    case 'alt': return node.options.some(canMatchEmpty);
    case 'repeat': return node.min === 0 || canMatchEmpty(node.body);
  }
}

const ASSERT_KINDS: readonly unknown[] = ['start', 'end', 'word', 'notWord'];
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_REPEAT;

function checkRanges(ranges: unknown): string | undefined {
  if (!Array.isArray(ranges)) return 'a character set needs a list of ranges';
  let previous = -2;
  for (const range of ranges) {
    if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isInteger)) return 'a range must be two integers';
    const [lo, hi] = range as [number, number];
    if (lo < 0 || hi > MAX_CODE_POINT || lo > hi) return `the range [${lo}, ${hi}] is not one of code points`;
    if (lo <= previous + 1) return 'the ranges of a set must be sorted, apart and not adjacent';
    previous = hi;
  }
  return undefined;
}

/**
 * What is wrong with a tree's shape, or undefined: every node of a known kind and shape, sets
 * sorted for binary search, repetition counts within MAX_REPEAT, no repetition of a part that
 * can match no text (engines disagree on what it means), no deeper than MAX_SYNTAX_DEPTH. The
 * program's size is compileProgram's to check; checkPattern does both.
 */
export function checkSyntax(node: unknown, depth = 0): string | undefined {
  if (depth > MAX_SYNTAX_DEPTH) return `the tree is more than ${MAX_SYNTAX_DEPTH} levels deep`;
  if (!isJsonObject(node)) return 'a node must be an object';
  const list = (items: unknown, what: string, min: number) => {
    if (!Array.isArray(items) || items.length < min) return `${what} needs a list of at least ${min} nodes`;
    for (const item of items) {
      const problem = checkSyntax(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  switch (node.type) {
    case 'char': return checkRanges(node.ranges);
    case 'assert': return ASSERT_KINDS.includes(node.kind) ? undefined : `unknown assertion ${JSON.stringify(node.kind)}`;
    case 'group':
      if (node.capture !== undefined && !(Number.isInteger(node.capture) && (node.capture as number) >= 1)) return 'a group number must be a positive integer';
      return checkSyntax(node.body, depth + 1);
    case 'concat': return list(node.items, 'a sequence', 0);
    case 'alt': return list(node.options, 'an alternation', 1);
    case 'repeat': {
      if (!isCount(node.min) || !(node.max === null || (isCount(node.max) && node.max >= node.min))) {
        return `a repetition needs counts from 0 to ${MAX_REPEAT}, the least first`;
      }
      if (typeof node.greedy !== 'boolean') return 'a repetition is greedy or not';
      const problem = checkSyntax(node.body, depth + 1);
      if (problem) return problem;
      return canMatchEmpty(node.body as PatternSyntax) ? 'a repetition of a part that can match no text' : undefined;
    }
    default: return `unknown node type ${JSON.stringify(node.type)}`;
  }
}
