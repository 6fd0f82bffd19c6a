/**
 * User patterns, matched in linear time.
 *
 * Patterns are parsed here (at synth time to check them, at run time to compile them) and run
 * on a Pike VM: every input character is examined once per program instruction at most, so
 * no pattern and no input can make matching backtrack. The dialect is the part of JavaScript
 * regular expressions that such an engine can run:
 *
 * - literal characters, and `\` before any punctuation for the character itself
 * - `.` (any character but a line break), classes `[a-z]` and `[^...]`, `\d \D \w \W \s \S`,
 *   `\t \n \r \f \v`, `\xHH`, `\uHHHH`, `\u{H...}`
 * - `^` and `$` (start and end of the text), `\b` and `\B` (word boundary, as in JavaScript)
 * - groups `(...)` and `(?:...)`, alternation `|`
 * - quantifiers `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (at most 100), greedy or lazy (`*?`)
 *
 * Not supported, and refused with an error: backreferences, lookahead and lookbehind, named
 * groups, flags inside the pattern, Unicode property escapes, and a quantifier on something that can match no text
 * (such as `(a*)*` or `(x?)+`), where engines disagree on what counts as a repetition.
 * Matching works on Unicode code points (an emoji is one character) and finds the leftmost
 * match, preferring alternatives and repetitions as JavaScript does (flag `u`, and `i` for
 * ignoreCase): a pattern JavaScript accepts means the same here. Case-insensitive matching
 * follows JavaScript's Canonicalize for the `u` flag: two characters match when Unicode's
 * simple case folding takes them to the same character (case-folding-data.ts). So under
 * ignoreCase `\w` and `\b` count `ſ` and the Kelvin sign as word characters, as JavaScript does.
 *
 * Every search draws on a step budget: one step for every instruction the VM visits, the jumps,
 * splits and assertions between characters included, so steps measure time. A search that
 * exhausts it throws PatternBudgetError, so even a pattern that is slow on some text is bounded.
 */

import { CASE_FOLDING_BLOCKS, LATIN1_CASE_CLASSES, SIMPLE_CASE_FOLDING_RUNS } from './case-folding-data';
import { codePointBefore } from './text';

export const PATTERN_MAX_LENGTH = 500;
const MAX_REPEAT = 100;
/** Instructions of a compiled pattern at most; with them, the steps one character can cost. */
export const MAX_PROGRAM = 2000;

export class PatternError extends Error {}

/** The step budget of the searches for one message ran out. */
export class PatternBudgetError extends Error {
  public readonly name = 'PatternBudgetError';
}

/** Steps shared by the searches made for one message. */
export class StepBudget {
  constructor(public remaining: number) {}

  public spend(steps: number): void {
    this.remaining -= steps;
    if (this.remaining < 0) throw new PatternBudgetError('the pattern step budget for this message is spent');
  }
}

/**
 * Steps one message may take across all its patterns. A step costs 9-32 ns on the build
 * machine (2 cores, Node.js 20; the dearest is a test against a class of a hundred separate
 * characters; `npm run bench` measures the worst patterns), so the budget bounds a message's
 * pattern work at about 160 ms there. Real patterns take far less: a bounded
 * `[\w.-]{1,100}:[^\s@]{1,100}@` scanning 4 KB of hex digits, one of the slowest, takes about
 * 1.2 million, so a policy whose patterns each stay within an even share is never cut short.
 */
export const MESSAGE_STEP_BUDGET = 5_000_000;

type Range = readonly [number, number];
interface CharSet { readonly ranges: readonly Range[]; readonly negated: boolean }

type Node =
  | { readonly type: 'char'; readonly set: CharSet }
  | { readonly type: 'assert'; readonly kind: 'start' | 'end' | 'word' | 'notWord' }
  | { readonly type: 'group'; readonly capture: number | undefined; readonly body: Node }
  | { readonly type: 'concat'; readonly items: readonly Node[] }
  | { readonly type: 'alt'; readonly options: readonly Node[] }
  | { readonly type: 'repeat'; readonly body: Node; readonly min: number; readonly max: number; readonly greedy: boolean };

const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
const SPACE: Range[] = [[0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];
const LINE_BREAKS: Range[] = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];
const SIMPLE_ESCAPES: Record<string, number> = { t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d, 0: 0x00 };

/** Whether the node can match the empty text. */
function canMatchEmpty(node: Node): boolean {
  switch (node.type) {
    case 'char': return false;
    case 'assert': return true;
    case 'group': return canMatchEmpty(node.body);
    case 'concat': return node.items.every(canMatchEmpty);
    case 'alt': return node.options.some(canMatchEmpty);
    case 'repeat': return node.min === 0 || canMatchEmpty(node.body);
  }
}

/**
 * The characters a match of the node can start with, or undefined when that is not known
 * (the node can match no text). Zero-width assertions are looked through.
 */
function firstChars(node: Node): Range[] | undefined {
  switch (node.type) {
    case 'char': return node.set.negated ? negate(node.set.ranges) : [...node.set.ranges];
    case 'assert': return undefined;
    case 'group': return firstChars(node.body);
    // An optional repetition's first characters count too: a concatenation goes on past an item
    // that can match no text, and a pattern that can match none gets no skipper at all.
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
function sequenceOf(node: Node): Node[] {
  if (node.type === 'concat') return node.items.flatMap(sequenceOf);
  if (node.type === 'group') return sequenceOf(node.body);
  return [node];
}

/** The single character a set stands for, if it stands for exactly one. */
function singleChar(node: Node): number | undefined {
  if (node.type !== 'char' || node.set.negated || node.set.ranges.length !== 1) return undefined;
  const [lo, hi] = node.set.ranges[0];
  return lo === hi ? lo : undefined;
}

/**
 * Literal texts one of which every match starts with (zero-width assertions looked through),
 * or undefined when none of two characters or more is known: `\bforbidden|\bbanned` gives
 * "forbidden" and "banned".
 */
function literalPrefixes(node: Node): number[][] | undefined {
  let prefixes: number[][] = [[]];
  for (const item of sequenceOf(node)) {
    if (item.type === 'assert') continue;
    const char = singleChar(item);
    if (char !== undefined) {
      prefixes = prefixes.map((p) => [...p, char]);
      continue;
    }
    if (item.type !== 'alt') break;
    const options = item.options.map((option) => {
      const chars = sequenceOf(option).filter((n) => n.type !== 'assert').map(singleChar);
      return chars.every((c) => c !== undefined) && chars.length > 0 ? chars as number[] : undefined;
    });
    if (options.some((o) => o === undefined) || prefixes.length * options.length > 16) break;
    prefixes = prefixes.flatMap((p) => options.map((o) => [...p, ...o!]));
    // An alternative's literal ends the part every match surely starts with.
    break;
  }
  return prefixes.every((p) => p.length >= 2) ? prefixes : undefined;
}

/** Whether the first group is inside the node. */
function holdsFirstGroup(node: Node): boolean {
  switch (node.type) {
    case 'group': return node.capture === 1 || holdsFirstGroup(node.body);
    case 'concat': return node.items.some(holdsFirstGroup);
    case 'alt': return node.options.some(holdsFirstGroup);
    case 'repeat': return holdsFirstGroup(node.body);
    default: return false;
  }
}

function negate(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

class Parser {
  private pos = 0;
  public groups = 0;
  private readonly chars: number[];

  constructor(source: string, private readonly ignoreCase: boolean) {
    this.chars = Array.from(source, (c) => c.codePointAt(0)!);
  }

  public parse(): Node {
    const node = this.alternation();
    if (this.pos < this.chars.length) this.fail(`unmatched ')' at ${this.pos}`);
    return node;
  }

  private fail(message: string): never {
    throw new PatternError(message);
  }

  private peek(): string | undefined {
    const c = this.chars[this.pos];
    return c === undefined ? undefined : String.fromCodePoint(c);
  }

  private take(): string {
    const c = this.peek();
    if (c === undefined) this.fail('the pattern ends too early');
    this.pos++;
    return c;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { type: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      items.push(this.quantified(this.atom()));
    }
    return { type: 'concat', items };
  }

  private quantified(atom: Node): Node {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') [min, max] = this.braces();
    else return atom;
    if (c !== '{') this.pos++;
    if (atom.type === 'assert') this.fail(`a quantifier cannot follow an anchor or \\b at ${this.pos - 1}`);
    if (canMatchEmpty(atom)) this.fail(`the part repeated at ${this.pos - 1} can match no text; repeat something that always takes a character`);
    const greedy = this.peek() !== '?';
    if (!greedy) this.pos++;
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?' || next === '{') this.fail(`nothing to repeat at ${this.pos}`);
    return { type: 'repeat', body: atom, min, max, greedy };
  }

  private braces(): [number, number] {
    const start = this.pos;
    const rest = String.fromCodePoint(...this.chars.slice(this.pos, this.pos + 16));
    const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (!m) this.fail(`'{' at ${start} does not start a quantifier {n}, {n,} or {n,m}; write \\{ for the character`);
    this.pos += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) this.fail(`a repetition count is over ${MAX_REPEAT} at ${start}`);
    if (max < min) this.fail(`the repetition {${min},${max}} at ${start} is out of order`);
    return [min, max];
  }

  private atom(): Node {
    const at = this.pos;
    const c = this.take();
    switch (c) {
      case '.': return { type: 'char', set: { ranges: LINE_BREAKS, negated: true } };
      case '^': return { type: 'assert', kind: 'start' };
      case '$': return { type: 'assert', kind: 'end' };
      case '[': return { type: 'char', set: this.charClass() };
      case '(': return this.group(at);
      case ')': return this.fail(`unmatched ')' at ${at}`);
      case '*': case '+': case '?': return this.fail(`nothing to repeat at ${at}`);
      case '{': return this.fail(`'{' at ${at} does not follow anything to repeat; write \\{ for the character`);
      case '}': case ']': return this.fail(`unmatched '${c}' at ${at}; write \\${c} for the character`);
      case '\\': return this.escape(at);
      default: return { type: 'char', set: { ranges: [[c.codePointAt(0)!, c.codePointAt(0)!]], negated: false } };
    }
  }

  private group(at: number): Node {
    let capture: number | undefined;
    if (this.peek() === '?') {
      this.pos++;
      const kind = this.take();
      if (kind === '=' || kind === '!') this.fail(`lookahead (?${kind} at ${at} is not supported`);
      if (kind === '<') this.fail(`lookbehind and named groups (?<... at ${at} are not supported; use (...)`);
      if (kind !== ':') this.fail(`(?${kind} at ${at} is not supported; use (...) or (?:...)`);
    } else {
      capture = ++this.groups;
    }
    const body = this.alternation();
    if (this.peek() !== ')') this.fail(`the group at ${at} is not closed`);
    this.pos++;
    return { type: 'group', capture, body };
  }

  private escape(at: number): Node {
    const c = this.take();
    if (c === 'b' || c === 'B') return { type: 'assert', kind: c === 'b' ? 'word' : 'notWord' };
    const set = this.classEscape(c, at);
    return { type: 'char', set };
  }

  /** An escape that stands for characters, inside or outside a class. */
  private classEscape(c: string, at: number): CharSet {
    switch (c) {
      case 'd': return { ranges: DIGIT, negated: false };
      case 'D': return { ranges: DIGIT, negated: true };
      case 'w': return { ranges: wordRanges(this.ignoreCase), negated: false };
      case 'W': return { ranges: wordRanges(this.ignoreCase), negated: true };
      case 's': return { ranges: SPACE, negated: false };
      case 'S': return { ranges: SPACE, negated: true };
      default: {
        const code = this.escapedChar(c, at);
        return { ranges: [[code, code]], negated: false };
      }
    }
  }

  private escapedChar(c: string, at: number): number {
    if (c in SIMPLE_ESCAPES && !(c === '0' && /\d/.test(this.peek() ?? ''))) return SIMPLE_ESCAPES[c];
    if (c === 'x' || c === 'u') {
      const rest = String.fromCodePoint(...this.chars.slice(this.pos));
      // \u{...} takes any number of digits (leading zeros too), as JavaScript does.
      const m = c === 'x' ? /^[0-9a-fA-F]{2}/.exec(rest) : /^(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]+\})/.exec(rest);
      if (!m) this.fail(`\\${c} at ${at} needs hexadecimal digits`);
      this.pos += m[0].length;
      const code = parseInt(m[0].replace(/[{}]/g, ''), 16);
      if (code > 0x10ffff) this.fail(`\\u{...} at ${at} is beyond Unicode`);
      // \uD83D\uDE00 is one character, as in JavaScript with the u flag; only the four-digit
      // form pairs, so \u{D83D}\uDE00 stays two lone surrogates there too.
      const low = /^\\u(d[c-f][0-9a-f]{2})/i.exec(String.fromCodePoint(...this.chars.slice(this.pos, this.pos + 6)));
      if (c === 'u' && m[0].length === 4 && code >= 0xd800 && code <= 0xdbff && low) {
        this.pos += 6;
        return 0x10000 + ((code - 0xd800) * 0x400) + (parseInt(low[1], 16) - 0xdc00);
      }
      return code;
    }
    if (/[1-9]/.test(c)) this.fail(`backreferences such as \\${c} (at ${at}) are not supported`);
    if (/[A-Za-z0-9]/.test(c)) this.fail(`\\${c} at ${at} is not a supported escape`);
    return c.codePointAt(0)!;
  }

  private charClass(): CharSet {
    const start = this.pos - 1;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const ranges: Range[] = [];
    // As in JavaScript, `[]` is a class of no character and `[^]` one of every character.
    while (this.peek() !== ']') {
      if (this.peek() === undefined) this.fail(`the class at ${start} is not closed`);
      const lo = this.classAtom();
      if (this.peek() === '-' && this.chars[this.pos + 1] !== undefined && String.fromCodePoint(this.chars[this.pos + 1]) !== ']') {
        this.pos++;
        const hi = this.classAtom();
        const single = (set: CharSet) => !set.negated && set.ranges.length === 1 && set.ranges[0][0] === set.ranges[0][1];
        if (!single(lo) || !single(hi)) {
          this.fail(`a range in the class at ${start} must go from one character to another`);
        }
        if (hi.ranges[0][0] < lo.ranges[0][0]) this.fail(`the range in the class at ${start} is out of order`);
        ranges.push([lo.ranges[0][0], hi.ranges[0][0]]);
      } else {
        ranges.push(...(lo.negated ? negate(lo.ranges) : lo.ranges));
      }
    }
    this.pos++;
    return { ranges, negated };
  }

  private classAtom(): CharSet {
    const at = this.pos;
    const c = this.take();
    if (c !== '\\') return { ranges: [[c.codePointAt(0)!, c.codePointAt(0)!]], negated: false };
    const e = this.take();
    if (e === 'b') return { ranges: [[0x08, 0x08]], negated: false };
    if (e === '-') return { ranges: [[0x2d, 0x2d]], negated: false };
    return this.classEscape(e, at);
  }
}

// ---- compilation to a Pike VM program ----

type Instruction =
  | { op: 'char'; ranges: readonly Range[]; negated: boolean }
  | { op: 'assert'; kind: 'start' | 'end' | 'word' | 'notWord' }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; to: number }
  | { op: 'save'; slot: number }
  /** Forgets the first group, as JavaScript does at each repetition of a group around it. */
  | { op: 'clear' }
  | { op: 'match' };

/** Sorted, merged ranges, for binary search. */
function normalize(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function inRanges(ranges: readonly Range[], code: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (code < ranges[mid][0]) hi = mid - 1;
    else if (code > ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Simple case folding (code point to code point), and for each folded character all that fold to it; made on first use. */
let folding: { readonly fold: Map<number, number>; readonly classes: Map<number, number[]> } | undefined;

function caseFolding() {
  if (!folding) {
    const fold = new Map<number, number>();
    for (const run of SIMPLE_CASE_FOLDING_RUNS.split(';')) {
      const [from, count, step, delta] = run.split(',').map((n) => parseInt(n, 36));
      for (let k = 0, c = from; k < count; k++, c += step) fold.set(c, c + delta);
    }
    const classes = new Map<number, number[]>();
    for (const [c, folded] of fold) {
      const members = classes.get(folded);
      if (members) members.push(c);
      else classes.set(folded, [folded, c]);
    }
    folding = { fold, classes };
  }
  return folding;
}

/** `ranges` with every character that folds with one of theirs: the class as it matches ignoring case. */
function foldClosure(ranges: readonly Range[]): Range[] {
  const own = normalize(ranges);
  const added: Range[] = [];
  if (own.reduce((n, [lo, hi]) => n + hi - lo + 1, 0) <= 256) {
    // A small class (a letter, \s, most classes): the variants of each member.
    for (const [lo, hi] of own) for (let c = lo; c <= hi; c++) for (const v of caseVariants(c)) added.push([v, v]);
  } else {
    for (const members of caseFolding().classes.values()) {
      if (members.some((c) => inRanges(own, c))) for (const c of members) added.push([c, c]);
    }
  }
  return normalize([...own, ...added]);
}

/** The classes of the Latin-1 characters that fold, and the blocks with any folding; read on first use. */
let smallTables: { readonly latin1: ReadonlyMap<number, readonly number[]>; readonly blocks: ReadonlySet<number> } | undefined;

/**
 * The characters that match `code` ignoring case: those Unicode's simple case folding takes to
 * the same character as `code` (JavaScript's Canonicalize with the `u` flag), `code` included.
 * Latin-1, and blocks without any folding, are answered from small tables, so most patterns
 * never make the whole one (at a cold start, that is most of a millisecond).
 */
export function caseVariants(code: number): readonly number[] {
  smallTables ??= {
    latin1: new Map(LATIN1_CASE_CLASSES.split(';').map((entry) => {
      const members = entry.split(',').map((n) => parseInt(n, 36));
      return [members[0], members];
    })),
    blocks: new Set(CASE_FOLDING_BLOCKS.split(',').map((n) => parseInt(n, 36))),
  };
  if (code < 0x100) return smallTables.latin1.get(code) ?? [code];
  if (!smallTables.blocks.has(Math.floor(code / 256))) return [code];
  const { fold, classes } = caseFolding();
  return classes.get(fold.get(code) ?? code) ?? [code];
}

class Compiler {
  public readonly program: Instruction[] = [];
  private visits = 0;

  constructor(private readonly ignoreCase: boolean) {}

  private emit(instruction: Instruction): number {
    if (this.program.length >= MAX_PROGRAM) {
      throw new PatternError(`the pattern is too large once its repetitions are expanded (over ${MAX_PROGRAM} steps)`);
    }
    this.program.push(instruction);
    return this.program.length - 1;
  }

  public compile(node: Node): void {
    // Repetitions of parts that emit nothing would otherwise be visited without bound.
    if (++this.visits > MAX_PROGRAM * 4) throw new PatternError(`the pattern is too large once its repetitions are expanded (over ${MAX_PROGRAM} steps)`);
    switch (node.type) {
      case 'char':
        // Ignoring case, a class holds every character that folds with one of its own, so the VM
        // tests a character with one lookup (the budget's steps then cost alike).
        this.emit({ op: 'char', ranges: this.ignoreCase ? foldClosure(node.set.ranges) : normalize(node.set.ranges), negated: node.set.negated });
        return;
      case 'assert':
        this.emit({ op: 'assert', kind: node.kind });
        return;
      case 'group': {
        // Only the whole match (group 0) and the first group are reported.
        const slot = node.capture === 0 || node.capture === 1 ? node.capture * 2 : undefined;
        if (slot !== undefined) this.emit({ op: 'save', slot });
        this.compile(node.body);
        if (slot !== undefined) this.emit({ op: 'save', slot: slot + 1 });
        return;
      }
      case 'concat':
        node.items.forEach((item) => this.compile(item));
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.options.forEach((option, i) => {
          if (i < node.options.length - 1) {
            const split = this.emit({ op: 'split', x: 0, y: 0 });
            (this.program[split] as { x: number }).x = split + 1;
            this.compile(option);
            jumps.push(this.emit({ op: 'jmp', to: 0 }));
            (this.program[split] as { y: number }).y = this.program.length;
          } else {
            this.compile(option);
          }
        });
        for (const j of jumps) (this.program[j] as { to: number }).to = this.program.length;
        return;
      }
      case 'repeat':
        this.repeat(node);
        return;
    }
  }

  private split(greedy: boolean, body: number, after: number): Instruction {
    return greedy ? { op: 'split', x: body, y: after } : { op: 'split', x: after, y: body };
  }

  /** One repetition of the body; the first group starts afresh at each, as in JavaScript. */
  private iteration(node: Extract<Node, { type: 'repeat' }>, clears: boolean): void {
    if (clears) this.emit({ op: 'clear' });
    this.compile(node.body);
  }

  private repeat(node: Extract<Node, { type: 'repeat' }>): void {
    const clears = holdsFirstGroup(node.body);
    for (let i = 0; i < node.min; i++) this.iteration(node, clears);
    if (node.max === Infinity) {
      const loop = this.emit({ op: 'split', x: 0, y: 0 });
      this.iteration(node, clears);
      this.emit({ op: 'jmp', to: loop });
      this.program[loop] = this.split(node.greedy, loop + 1, this.program.length);
      return;
    }
    const splits: number[] = [];
    for (let i = node.min; i < node.max; i++) {
      splits.push(this.emit({ op: 'split', x: 0, y: 0 }));
      this.iteration(node, clears);
    }
    for (const s of splits) this.program[s] = this.split(node.greedy, s + 1, this.program.length);
  }
}

/** A match: the span `[start, end)` in UTF-16 code units, and the text of the first group when it took part. */
export interface PatternMatch {
  readonly start: number;
  readonly end: number;
  readonly group1?: string;
}

const WORD_RANGES = normalize(WORD);
let wordIgnoringCase: readonly Range[] | undefined;

/**
 * JavaScript's WordCharacters: `[0-9A-Za-z_]`, and ignoring case (flags u and i) also every
 * character that folds to one of them (ſ and the Kelvin sign), for `\w`, `\W`, `\b` and `\B`.
 */
function wordRanges(ignoreCase: boolean): readonly Range[] {
  if (!ignoreCase) return WORD_RANGES;
  wordIgnoringCase ??= normalize(WORD_RANGES.flatMap(([lo, hi]) => {
    const members: Range[] = [];
    for (let c = lo; c <= hi; c++) for (const v of caseVariants(c)) members.push([v, v]);
    return members;
  }));
  return wordIgnoringCase;
}

/**
 * A JavaScript RegExp that is a single character class: the characters a match can start
 * with. Such an expression cannot backtrack; the engine uses it to skip, at native speed,
 * the text where no match can start. Undefined where the class would be large or unknown.
 */
function startSkipper(root: Node, ignoreCase: boolean): RegExp | undefined {
  const escape = (c: number) => `\\u{${c.toString(16)}}`;
  const prefixes = literalPrefixes(root);
  if (prefixes && !(ignoreCase && prefixes.flat().some((c) => c >= 0x80))) {
    // Fixed-length sequences of one-character classes: the native engine tries each at each
    // position and never backtracks further.
    const variants = (c: number) => (ignoreCase ? caseVariants(c) : [c]);
    const alternatives = prefixes.map((p) => p.map((c) => `[${variants(c).map(escape).join('')}]`).join(''));
    return new RegExp(`(?:${alternatives.join('|')})`, 'gu');
  }
  const first = firstChars(root);
  if (!first) return undefined;
  const ranges = normalize(first);
  const size = ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
  if (size > 256 || (ignoreCase && ranges.some(([, hi]) => hi >= 0x80))) return undefined;
  const codes: number[] = [];
  for (const [lo, hi] of ranges) for (let c = lo; c <= hi; c++) codes.push(c);
  const all = ignoreCase ? codes.flatMap((c) => caseVariants(c)) : codes;
  const cls = [...new Set(all)].map(escape).join('');
  return new RegExp(`[${cls}]`, 'gu');
}

/** Every character `node` can consume, in any match. */
function charsOf(node: Node): Range[] {
  switch (node.type) {
    case 'char': return node.set.negated ? negate(node.set.ranges) : [...node.set.ranges];
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
class RequiredCharSkip {
  /** Undefined where no item is selective enough to pay for the search. */
  public static of(root: Node, ignoreCase: boolean): RequiredCharSkip | undefined {
    const items = root.type === 'concat' ? root.items : [root];
    let best: { index: number; chars: number[] } | undefined;
    items.forEach((item, index) => {
      if (index === 0 || item.type !== 'char' || item.set.negated) return;
      const size = item.set.ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
      if (size > 16 || (best && best.chars.length <= size)) return;
      const chars: number[] = [];
      for (const [lo, hi] of item.set.ranges) for (let c = lo; c <= hi; c++) chars.push(...(ignoreCase ? caseVariants(c) : [c]));
      best = { index, chars: [...new Set(chars)] };
    });
    if (!best) return undefined;
    // Ignoring case, a character is consumable when one that folds with it is: close the set once.
    const before = items.slice(0, best.index).flatMap(charsOf);
    return new RequiredCharSkip(best.chars, ignoreCase ? foldClosure(before) : normalize(before));
  }

  private readonly finder: RegExp;

  private constructor(required: readonly number[], private readonly before: readonly Range[]) {
    this.finder = new RegExp(`[${required.map((c) => `\\u{${c.toString(16)}}`).join('')}]`, 'gu');
  }

  /** The first position at or after `from` where a match can start; undefined when none can. */
  public next(text: string, from: number): number | undefined {
    this.finder.lastIndex = from;
    const found = this.finder.exec(text);
    if (!found) return undefined;
    let start = found.index;
    for (let c = codePointBefore(text, start); start > from && c !== undefined && inRanges(this.before, c); c = codePointBefore(text, start)) {
      start -= c > 0xffff ? 2 : 1;
    }
    return Math.max(start, from);
  }

}

/** A pattern checked and compiled once, to search any number of texts. */
export class CompiledPattern {
  private readonly program: readonly Instruction[];
  private readonly skipper?: RegExp;
  private readonly requiredChar?: RequiredCharSkip;
  // The VM's working memory, allocated once per pattern: thread lists of program counters with
  // four capture slots each (match start and end, first group start and end), and the marks
  // that keep one thread per instruction per step. Searches do not allocate.
  private seen = new Int32Array(0);
  private generation = 0;
  private lists: { pcs: Int32Array; caps: Int32Array; length: number }[] = [];
  private text = '';
  /** Instructions visited since the budget was last charged. */
  private visits = 0;
  /** Whether the pattern can match the empty text (refused where a match must take text). */
  public readonly matchesEmpty: boolean;

  constructor(public readonly source: string, public readonly ignoreCase: boolean) {
    if (source.length > PATTERN_MAX_LENGTH) throw new PatternError(`the pattern is ${source.length} characters; at most ${PATTERN_MAX_LENGTH}`);
    const root = new Parser(source, ignoreCase).parse();
    this.matchesEmpty = canMatchEmpty(root);
    this.skipper = this.matchesEmpty ? undefined : startSkipper(root, ignoreCase);
    this.requiredChar = this.matchesEmpty ? undefined : RequiredCharSkip.of(root, ignoreCase);
    const compiler = new Compiler(ignoreCase);
    compiler.compile({ type: 'group', capture: 0, body: root });
    compiler.program.push({ op: 'match' });
    this.program = compiler.program;
  }

  public test(text: string, budget = new StepBudget(MESSAGE_STEP_BUDGET)): boolean {
    return this.exec(text, 0, budget) !== undefined;
  }

  /** Every match, left to right, none overlapping (an empty match advances by one character). */
  public matchAll(text: string, budget = new StepBudget(MESSAGE_STEP_BUDGET)): PatternMatch[] {
    const matches: PatternMatch[] = [];
    let from = 0;
    while (from <= text.length) {
      const match = this.exec(text, from, budget);
      if (!match) break;
      matches.push(match);
      from = match.end > match.start ? match.end : match.end + (text.codePointAt(match.end)! > 0xffff ? 2 : 1);
    }
    return matches;
  }

  /** JavaScript's IsWordChar, for `\b` and `\B`. */
  private isWord(code: number | undefined): boolean {
    return code !== undefined && inRanges(wordRanges(this.ignoreCase), code);
  }

  private matchesChar(ins: Extract<Instruction, { op: 'char' }>, code: number): boolean {
    return inRanges(ins.ranges, code) !== ins.negated;
  }


  private prepare(): void {
    const size = this.program.length;
    if (this.seen.length !== size) {
      this.seen = new Int32Array(size).fill(-1);
      this.lists = [0, 1].map(() => ({ pcs: new Int32Array(size), caps: new Int32Array(size * 4), length: 0 }));
    }
    if (this.generation > 0x3fffffff) {
      this.seen.fill(-1);
      this.generation = 0;
    }
  }

  /** Follows jumps, splits, saves and assertions from `pc`, adding the threads that wait on a character, in priority order. */
  private addThread(list: { pcs: Int32Array; caps: Int32Array; length: number }, pc: number,
    c0: number, c1: number, c2: number, c3: number, pos: number, prev: number | undefined, code: number | undefined): void {
    if (this.seen[pc] === this.generation) return;
    this.seen[pc] = this.generation;
    this.visits++;
    const ins = this.program[pc];
    switch (ins.op) {
      case 'jmp': return this.addThread(list, ins.to, c0, c1, c2, c3, pos, prev, code);
      case 'split':
        this.addThread(list, ins.x, c0, c1, c2, c3, pos, prev, code);
        return this.addThread(list, ins.y, c0, c1, c2, c3, pos, prev, code);
      case 'save':
        return this.addThread(list, pc + 1, ins.slot === 0 ? pos : c0, ins.slot === 1 ? pos : c1,
          ins.slot === 2 ? pos : c2, ins.slot === 3 ? pos : c3, pos, prev, code);
      case 'clear': return this.addThread(list, pc + 1, c0, c1, -1, -1, pos, prev, code);
      case 'assert': {
        const ok = ins.kind === 'start' ? pos === 0
          : ins.kind === 'end' ? pos === this.text.length
            : (this.isWord(prev) !== this.isWord(code)) === (ins.kind === 'word');
        if (ok) this.addThread(list, pc + 1, c0, c1, c2, c3, pos, prev, code);
        return undefined;
      }
      default: {
        const i = list.length++;
        list.pcs[i] = pc;
        list.caps[i * 4] = c0;
        list.caps[i * 4 + 1] = c1;
        list.caps[i * 4 + 2] = c2;
        list.caps[i * 4 + 3] = c3;
        return undefined;
      }
    }
  }

  /** The leftmost match at or after `from`, with JavaScript's preferences among alternatives. */
  public exec(text: string, from: number, budget = new StepBudget(MESSAGE_STEP_BUDGET)): PatternMatch | undefined {
    this.prepare();
    // The instance is shared by every rule with this pattern: nothing uncharged carries over.
    this.visits = 0;
    this.text = text;
    let [current, next] = this.lists;
    current.length = 0;
    let matched = false;
    let m0 = -1;
    let m1 = -1;
    let m2 = -1;
    let m3 = -1;
    this.generation++;

    let pos = from;
    let prev = codePointBefore(text, pos);
    for (;;) {
      if (current.length === 0 && !matched && this.requiredChar) {
        const start = this.requiredChar.next(text, pos);
        if (start === undefined) return undefined;
        if (start > pos) {
          pos = start;
          prev = codePointBefore(text, pos);
        }
      }
      if (current.length === 0 && !matched && this.skipper) {
        // No thread alive: jump to the next character a match can start with.
        this.skipper.lastIndex = pos;
        const found = this.skipper.exec(text);
        if (!found) return undefined;
        if (found.index > pos) {
          pos = found.index;
          prev = codePointBefore(text, pos);
        }
      }
      const code = pos < text.length ? text.codePointAt(pos) : undefined;
      if (!matched) this.addThread(current, 0, pos, -1, -1, -1, pos, prev, code);
      if (current.length === 0 && matched) break;
      // Every instruction visited costs a step: the threads that read this character, and the
      // jumps, splits and assertions followed to reach them.
      budget.spend(current.length + 1 + this.visits);
      this.visits = 0;
      this.generation++;
      const width = code !== undefined && code > 0xffff ? 2 : 1;
      const after = pos + width < text.length ? text.codePointAt(pos + width) : undefined;
      next.length = 0;
      for (let t = 0; t < current.length; t++) {
        const pc = current.pcs[t];
        const ins = this.program[pc];
        const caps = current.caps;
        if (ins.op === 'match') {
          matched = true;
          [m0, m1, m2, m3] = [caps[t * 4], caps[t * 4 + 1], caps[t * 4 + 2], caps[t * 4 + 3]];
          break; // lower-priority threads are cut off
        }
        if (ins.op === 'char' && code !== undefined && this.matchesChar(ins, code)) {
          this.addThread(next, pc + 1, caps[t * 4], caps[t * 4 + 1], caps[t * 4 + 2], caps[t * 4 + 3], pos + width, code, after);
        }
      }
      if (code === undefined) break;
      [current, next] = [next, current];
      pos += width;
      prev = code;
    }
    if (!matched) return undefined;
    return { start: m0, end: m1 === -1 ? pos : m1, ...(m2 >= 0 && m3 >= 0 ? { group1: text.slice(m2, m3) } : {}) };
  }
}

/**
 * Compiled patterns by source and flag. The processor validates its document and then compiles
 * it, each of which needs every pattern compiled: at a cold start that doubled the work. A
 * search resets the scratch space it reuses, and searches never nest (they are synchronous), so
 * one instance serves every rule that uses the same pattern. Bounded, for a synth process that
 * validates many documents.
 */
const compiled = new Map<string, CompiledPattern>();
const COMPILED_MAX = 500;

/** The pattern compiled, from the cache when it was compiled before; throws PatternError like the constructor. */
export function compilePattern(source: string, ignoreCase: boolean): CompiledPattern {
  const key = `${ignoreCase ? 'i' : '-'}${source}`;
  let pattern = compiled.get(key);
  if (!pattern) {
    pattern = new CompiledPattern(source, ignoreCase);
    if (compiled.size >= COMPILED_MAX) compiled.clear();
    compiled.set(key, pattern);
  }
  return pattern;
}
