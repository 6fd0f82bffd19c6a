/**
 * Where a match can start: worked out from the syntax tree once, so a search skips at native
 * speed the text where none can. Each finder is a JavaScript RegExp made only of character
 * classes, in sequence or alternation: it cannot backtrack beyond its own length.
 */
import { codePointBefore, unitsOf } from '../text';
import { inRanges, membersOf, normalize, Range, sizeOf } from './ranges';
import { canMatchEmpty, PatternSyntax } from './syntax';

const escape = (c: number) => `\\u{${c.toString(16)}}`;
const classOf = (members: readonly number[]) => `[${members.map(escape).join('')}]`;

/**
 * The characters a match of the node can start with, or undefined when that is not known
 * (the node can match no text). Zero-width assertions are looked through.
 */
function firstChars(node: PatternSyntax): Range[] | undefined {
  switch (node.type) {
    case 'char': return [...node.ranges];
    case 'assert': return undefined;
    case 'group': return firstChars(node.body);
    // An optional repetition's first characters count too: a sequence goes on past an item
    // that can match no text, and a pattern that can match none gets no finder at all.
    case 'repeat': return firstChars(node.body);
    case 'alt': {
      const all = node.options.map(firstChars);
      return all.every((r) => r !== undefined) ? all.flat() as Range[] : undefined;
    }
    case 'concat': {
      const ranges: Range[] = [];
      for (const item of node.items) {
        if (item.type === 'assert') continue;
        const first = firstChars(item);
        if (first === undefined) return undefined;
        ranges.push(...first);
        if (!canMatchEmpty(item)) return ranges;
      }
      return undefined;
    }
  }
}

/** The nodes of a sequence in order, looking through groups (captures do not change what is matched). */
function sequenceOf(node: PatternSyntax): PatternSyntax[] {
  if (node.type === 'concat') return node.items.flatMap(sequenceOf);
  if (node.type === 'group') return sequenceOf(node.body);
  return [node];
}

/** The characters of a one-character item that stands for a few only (a letter and its other cases). */
function fewChars(node: PatternSyntax): number[] | undefined {
  if (node.type !== 'char') return undefined;
  const size = sizeOf(node.ranges);
  return size >= 1 && size <= 4 ? membersOf(node.ranges) : undefined;
}

/** A literal: the characters each of its positions can hold. */
type Literal = number[][];

/**
 * Literals one of which every match starts with (zero-width assertions looked through), or
 * undefined when none of two characters or more is known: `\bforbidden|\bbanned` gives
 * "forbidden" and "banned", ignoring case "[fF][oO]...".
 */
function literalPrefixes(node: PatternSyntax): Literal[] | undefined {
  let prefixes: Literal[] = [[]];
  for (const item of sequenceOf(node)) {
    if (item.type === 'assert') continue;
    const chars = fewChars(item);
    if (chars !== undefined) {
      prefixes = prefixes.map((p) => [...p, chars]);
      continue;
    }
    if (item.type !== 'alt') break;
    const options = item.options.map((option) => {
      const sets = sequenceOf(option).filter((n) => n.type !== 'assert').map(fewChars);
      return sets.every((s) => s !== undefined) && sets.length > 0 ? sets as Literal : undefined;
    });
    if (options.some((o) => o === undefined) || prefixes.length * options.length > 16) break;
    prefixes = prefixes.flatMap((p) => options.map((o) => [...p, ...o!]));
    // An alternative's literal ends the part every match surely starts with.
    break;
  }
  return prefixes.every((p) => p.length >= 2) ? prefixes : undefined;
}

/**
 * A finder of the places a match can start: a literal every match starts with, or else the
 * class of the characters one can start with. Undefined where that class is large or unknown.
 */
export function startFinder(root: PatternSyntax): RegExp | undefined {
  const prefixes = literalPrefixes(root);
  if (prefixes) return new RegExp(`(?:${prefixes.map((p) => p.map(classOf).join('')).join('|')})`, 'gu');
  const first = firstChars(root);
  if (!first) return undefined;
  const ranges = normalize(first);
  return sizeOf(ranges) > 256 ? undefined : new RegExp(classOf(membersOf(ranges)), 'gu');
}

/** Every character `node` can consume, in any match. */
function charsOf(node: PatternSyntax): Range[] {
  switch (node.type) {
    case 'char': return [...node.ranges];
    case 'assert': return [];
    case 'group': return charsOf(node.body);
    case 'repeat': return charsOf(node.body);
    case 'alt': return node.options.flatMap(charsOf);
    case 'concat': return node.items.flatMap(charsOf);
  }
}

/**
 * Where a match can start, from a character every match contains: the most selective
 * one-character item of the pattern's top-level sequence (an `@` in an email pattern, where
 * nearly any character can start a match).
 *
 * Let p be the first position at or after `from` holding one of the required characters, and q
 * the start of the run of characters just before p that the items before the required one can
 * consume (found by stepping back from p). No match starts in [from, q): it would have to
 * consume, with those items, every character from its start to its own required character, at
 * p or later, and the character before q is not one of theirs. No p: no match at all.
 */
export class RequiredCharSkip {
  /** Undefined where no item is selective enough to pay for the search. */
  public static of(root: PatternSyntax): RequiredCharSkip | undefined {
    const items = root.type === 'concat' ? root.items : [root];
    let best: { index: number; size: number } | undefined;
    items.forEach((item, index) => {
      if (index === 0 || item.type !== 'char') return;
      const size = sizeOf(item.ranges);
      if (size === 0 || size > 16 || (best && best.size <= size)) return;
      best = { index, size };
    });
    if (!best) return undefined;
    const required = items[best.index] as Extract<PatternSyntax, { type: 'char' }>;
    return new RequiredCharSkip(membersOf(required.ranges), normalize(items.slice(0, best.index).flatMap(charsOf)));
  }

  private readonly finder: RegExp;
  /**
   * The last answer: a search that resumes between its `from` and the required character it
   * found gets the same run without stepping back over it again (which, repeated, would take
   * time quadratic in the run and uncharged). `found` is -1 when there was none.
   */
  private last?: { readonly text: string; readonly from: number; readonly found: number; readonly start: number };

  private constructor(required: readonly number[], private readonly before: readonly Range[]) {
    this.finder = new RegExp(classOf(required), 'gu');
  }

  /** The first position at or after `from` where a match can start; undefined when none can. */
  public next(text: string, from: number): number | undefined {
    const last = this.last;
    if (last && last.text === text && from >= last.from && (last.found === -1 || from <= last.found)) {
      return last.found === -1 ? undefined : Math.max(last.start, from);
    }
    this.finder.lastIndex = from;
    const found = this.finder.exec(text)?.index ?? -1;
    let start = found;
    if (found !== -1) {
      for (let c = codePointBefore(text, start); start > from && c !== undefined && inRanges(this.before, c); c = codePointBefore(text, start)) {
        start -= unitsOf(c);
      }
    }
    this.last = { text, from, found, start };
    return found === -1 ? undefined : Math.max(start, from);
  }
}
