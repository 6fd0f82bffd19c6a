/**
 * The Pike VM that runs a compiled pattern: every input character is examined once per program
 * instruction at most, so no pattern and no input can make matching backtrack. It finds the
 * leftmost match and prefers alternatives and repetitions as JavaScript does.
 *
 * Every search draws on a step budget, so that steps measure time whatever the policy: one step
 * for every instruction the VM visits (the jumps, splits and assertions between characters
 * included), SEARCH_STEPS for starting a search (a match found is a search), and one for every
 * SKIPPED_UNITS_PER_STEP code units skipped at native speed. A search that exhausts it throws
 * PatternBudgetError, so even a policy of many patterns that are slow on some text is bounded.
 */
import { codePointBefore, unitsOf } from '../text';
import { compileProgram, Instruction } from './compile';
import { inRanges, Range } from './ranges';
import { RequiredCharSkip, startFinder } from './skip';
import { canMatchEmpty, PatternSyntax, WORD_RANGES, WORD_RANGES_IGNORING_CASE } from './syntax';

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
 * Steps one message may take across all its patterns and redactions, whatever their number.
 * `npm run bench` measures the dearest workloads running it out (the worst patterns, and
 * policies of hundreds of cheap ones); the README states the bound that follows. Real patterns
 * take far less: a bounded `[\w.-]{1,100}:[^\s@]{1,100}@` scanning 4 KB of hex digits with one
 * `:` in the middle, one of the slowest, takes about 1.2 million, so a policy whose patterns
 * each stay within an even share is never cut short.
 */
export const MESSAGE_STEP_BUDGET = 5_000_000;

/** What starting a search costs, in steps: its setup and, when it finds one, the match. */
export const SEARCH_STEPS = 32;

/** Code units a native skip passes over for one step. */
export const SKIPPED_UNITS_PER_STEP = 32;

/** A match: the span `[start, end)` in UTF-16 code units, and the text of the first group when it took part. */
export interface PatternMatch {
  readonly start: number;
  readonly end: number;
  readonly group1?: string;
}

interface ThreadList { pcs: Int32Array; caps: Int32Array; length: number }

/** A pattern's syntax tree compiled once, to search any number of texts. */
export class CompiledPattern {
  private readonly program: readonly Instruction[];
  private readonly finder?: RegExp;
  private readonly requiredChar?: RequiredCharSkip;
  private readonly wordChars: readonly Range[];
  // The VM's working memory, allocated once per pattern: thread lists of program counters with
  // four capture slots each (match start and end, first group start and end), and the marks
  // that keep one thread per instruction per step. Searches do not allocate.
  private readonly seen: Int32Array;
  private generation = 0;
  private readonly lists: readonly [ThreadList, ThreadList];
  private text = '';
  /** Instructions visited since the budget was last charged. */
  private visits = 0;
  /** Whether the pattern can match the empty text (refused where a match must take text). */
  public readonly matchesEmpty: boolean;

  /**
   * @param syntax a tree that `checkSyntax` accepts
   * @param ignoreCase whether `\b` and `\B` count the characters that fold to word characters
   */
  constructor(syntax: PatternSyntax, ignoreCase: boolean) {
    this.matchesEmpty = canMatchEmpty(syntax);
    this.finder = this.matchesEmpty ? undefined : startFinder(syntax);
    this.requiredChar = this.matchesEmpty ? undefined : RequiredCharSkip.of(syntax);
    this.wordChars = ignoreCase ? WORD_RANGES_IGNORING_CASE : WORD_RANGES;
    this.program = compileProgram(syntax);
    const size = this.program.length;
    this.seen = new Int32Array(size).fill(-1);
    const list = (): ThreadList => ({ pcs: new Int32Array(size), caps: new Int32Array(size * 4), length: 0 });
    this.lists = [list(), list()];
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
      from = match.end > match.start ? match.end : match.end + (match.end < text.length ? unitsOf(text.codePointAt(match.end)!) : 1);
    }
    return matches;
  }

  /** JavaScript's IsWordChar, for `\b` and `\B`. */
  private isWord(code: number | undefined): boolean {
    return code !== undefined && inRanges(this.wordChars, code);
  }

  /** Follows jumps, splits, saves and assertions from `pc`, adding the threads that wait on a character, in priority order. */
  private addThread(list: ThreadList, pc: number,
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
    if (this.generation > 0x3fffffff) {
      this.seen.fill(-1);
      this.generation = 0;
    }
    // Nothing uncharged carries over from an earlier search that ran out.
    this.visits = 0;
    budget.spend(SEARCH_STEPS);
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
        budget.spend(Math.ceil(((start ?? text.length) - pos) / SKIPPED_UNITS_PER_STEP));
        if (start === undefined) return undefined;
        if (start > pos) {
          pos = start;
          prev = codePointBefore(text, pos);
        }
      }
      if (current.length === 0 && !matched && this.finder) {
        // No thread alive: jump to the next place a match can start.
        this.finder.lastIndex = pos;
        const found = this.finder.exec(text);
        budget.spend(Math.ceil(((found?.index ?? text.length) - pos) / SKIPPED_UNITS_PER_STEP));
        if (!found) return undefined;
        if (found.index > pos) {
          pos = found.index;
          prev = codePointBefore(text, pos);
        }
      }
      const code = pos < text.length ? text.codePointAt(pos) : undefined;
      // With no thread alive the search may have skipped ahead: what was visited at the last
      // position (an assertion that failed there) must be visited afresh here.
      if (current.length === 0) this.generation++;
      if (!matched) this.addThread(current, 0, pos, -1, -1, -1, pos, prev, code);
      if (current.length === 0 && matched) break;
      // Every instruction visited costs a step: the threads that read this character, and the
      // jumps, splits and assertions followed to reach them.
      budget.spend(current.length + 1 + this.visits);
      this.visits = 0;
      this.generation++;
      const width = code === undefined ? 1 : unitsOf(code);
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
        if (ins.op === 'char' && code !== undefined && inRanges(ins.ranges, code)) {
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
