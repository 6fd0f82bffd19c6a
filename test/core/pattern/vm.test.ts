import * as fc from 'fast-check';
import { MAX_PROGRAM } from '../../../src/core/pattern/compile';
import { PatternError } from '../../../src/core/pattern/syntax';
import { CompiledPattern, MESSAGE_STEP_BUDGET, PatternBudgetError, StepBudget } from '../../../src/core/pattern/vm';
import { compile, jsMatches, ours } from '../../support/patterns';

describe('the linear-time pattern engine', () => {
  test.each([
    ['\\bforbidden\\b', 'this is forbidden! not unforbidden'],
    ['@(\\w+)', 'hi @bob and @alice_2!'],
    ['a+?', 'aaa'],
    ['(a|ab)(c|bcd)', 'abcd'],
    ['x*', 'abc'],
    ['^a|b$', 'aab'],
    ['[^a-c]+', 'abcdef'],
    ['\\d{3}-\\d{2,}', '123-4 123-45 123-456789'],
    ['(?:ab)+', 'ababab abab'],
    ['.', 'a😀b'],
    ['😀+', 'x😀😀y'],
    ['[😀-😂]', '😁'],
    ['\\u{1F600}|\\x41', 'A😀'],
    ['a{2}b{0,1}c{1,}', 'aabcc aac'],
    ['\\s+\\S', ' \t\n x'],
    ['[\\w.-]+', 'a.b-c d'],
    ['\\Bb\\B', 'abc b'],
    ['(a)|b', 'b'],
    ['(?<name>\\w)@', 'bob@example'],
    // An assertion that failed where the last search ended holds where a skip lands.
    ['\\$?\\b\\d+', 'costs $ 100'], ['-?\\b\\d+', 'see - 42'], ['@|0?\\B-', '0.-'],
    ['\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\\\/', '.*+?()[]{}|^$\\/'],
  ])('finds what JavaScript finds: %s', (pattern, text) => {
    expect(ours(pattern, text)).toEqual(jsMatches(pattern, text));
  });

  test.each([['FORBIDDEN', 'Forbidden forbidden'], ['[a-c]+', 'ABCabc'], ['straße', 'STRASSE Straße'], ['é', 'É'], ['é?\\b\\d+', 'é. 5']])('ignores case like JavaScript: %s', (pattern, text) => {
    expect(ours(pattern, text, true)).toEqual(jsMatches(pattern, text, true));
  });

  test('agrees with JavaScript on random patterns of the dialect and random text', () => {
    const atom = fc.constantFrom('a', 'b', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '(a|b)', '(?:ab|a)', '\\b', '^', '$', '😀');
    const quant = fc.constantFrom('', '', '*', '+', '?', '{1,2}', '*?', '+?', '??');
    const piece = fc.tuple(atom, quant).map(([a, q]) => (['\\b', '^', '$'].includes(a) ? a : a + q));
    const patternArb = fc.array(fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join('')), { minLength: 1, maxLength: 2 }).map((alts) => alts.join('|'));
    const textArb = fc.string({ unit: fc.constantFrom('a', 'b', '1', ' ', '😀', '\n', '_'), maxLength: 12 });
    fc.assert(fc.property(patternArb, textArb, (pattern, text) => {
      expect(ours(pattern, text)).toEqual(jsMatches(pattern, text));
    }), { numRuns: 2000 });
  });

  test('agrees with JavaScript where a required character lets the search skip ahead, ignoring case or not', () => {
    // Sequences with a one-character item after the first: the search skips to the run before it.
    const atom = fc.constantFrom('a', 'B', '\\w', '[a-c]', '[^@]', '(a|@)', '\\b', 'ſ', '😀', '.');
    const quant = fc.constantFrom('', '*', '+', '?', '{1,3}', '*?');
    const part = fc.array(fc.tuple(atom, quant).map(([a, q]) => (a === '\\b' ? a : a + q)), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
    const required = fc.constantFrom('@', '-', 'k', '[@-]', 'S');
    const patternArb = fc.tuple(part, required, fc.option(part, { nil: '' })).map(([x, r, y]) => x + r + y);
    const textArb = fc.string({ unit: fc.constantFrom('a', 'b', 'B', '@', '-', ' ', 'k', '\u212a', 's', 'ſ', '😀', '\uDC00'), maxLength: 16 });
    fc.assert(fc.property(patternArb, textArb, fc.boolean(), (pattern, text, ignoreCase) => {
      expect(ours(pattern, text, ignoreCase)).toEqual(jsMatches(pattern, text, ignoreCase));
    }), { numRuns: 3000 });
  });

  test('patterns that make backtracking engines take exponential time finish on 4 KB of input', () => {
    // A backtracking engine takes about 2^4096 steps here; this engine takes a few per character and instruction.
    const text = `${'a'.repeat(4095)}!`;
    for (const pattern of ['(a|a)*b', '(a+)+b', '(?:a|aa)+$', '(?:\\w+\\s)*!', '(\\w|\\d)+x']) {
      expect(compile(pattern, false).test(text)).toBe(pattern === '(?:\\w+\\s)*!');
    }
  });

  test.each([
    ['(a)\\1', /the backreference \\1 at 3 is not supported/],
    ['(a*)*b', /the part repeated at 4 can match no text/],
    ['(?:x?|y)+', /the part repeated at 8 can match no text/],
    ['(\\b)?', /can match no text/],
    ['a(?=b)', /lookahead \(\?= at 1 is not supported/],
    ['(?<!a)b', /lookbehind \(\?<! at 0 is not supported/],
    ['(?i:a)', /the modifier group \(\?i:\.\.\.\) at 0 is not supported; use the ignoreCase option/],
    ['(?i)a', /invalid group at 1 \(JavaScript refuses it too\)/],
    ['(a', /unterminated group at 2/],
    ['a)', /unmatched '\)' at 1/],
    ['[a-', /unterminated character class/],
    ['[z-a]', /range out of order in character class/],
    ['*a', /nothing to repeat/],
    ['a**', /nothing to repeat/],
    ['a{101}', /the repetition \{101\} at 1 counts over 100; at most 100/],
    ['a{3,2}', /numbers out of order/],
    ['a{', /incomplete quantifier/],
    ['}', /lone quantifier brackets/],
    ['\\q', /invalid escape at 1/],
    ['\\@', /invalid escape at 1/],
    ['\\bx*\\b+', /nothing to repeat/],
    ['(a{100}){100}', /too large once its repetitions are expanded/],
    ['x'.repeat(501), /the pattern is 501 characters; at most 500/],
  ])('refuses %s with a reason', (pattern, reason) => {
    expect(() => compile(pattern, false)).toThrow(PatternError);
    expect(() => compile(pattern, false)).toThrow(reason);
    // What JavaScript itself refuses is said to be refused there too; the rest JavaScript runs.
    let message = '';
    try {
      compile(pattern, false);
    } catch (error) {
      message = (error as Error).message;
    }
    const jsRefuses = (() => {
      try {
        new RegExp(pattern, 'u');
        return false;
      } catch {
        return true;
      }
    })();
    // Modifier groups are ECMAScript 2025: Node.js 20 refuses them, the Lambda runtimes run them.
    if (!pattern.startsWith('(?i:')) expect(message.endsWith('(JavaScript refuses it too)')).toBe(jsRefuses);
  });

  test('the first group starts afresh at each repetition, as in JavaScript', () => {
    for (const [pattern, text] of [['(?:@(\\w+)|#\\w+)+', '@bob#tag'], ['(?:(a)|b)+', 'ab'], ['(?:(a)|b){2}', 'ab']]) {
      expect(ours(pattern, text)).toEqual(jsMatches(pattern, text));
    }
  });

  test('an escaped surrogate pair is one character; case variants match as in JavaScript', () => {
    expect(ours('\\uD83D\\uDE00', 'x😀')).toEqual(jsMatches('\\uD83D\\uDE00', 'x😀'));
    expect(ours('[\\uD83D\\uDE00]', '😀')).toEqual([[0, 2, undefined]]);
    for (const [pattern, text] of [['σ', 'ς Σ'], ['s', 'ſ'], ['θ', 'ϑ'], ['k', '\u212a'], ['[\\u10A0-\\u2000]', 'ⴀ']]) {
      expect(ours(pattern, text, true)).toEqual(jsMatches(pattern, text, true));
    }
  });

  test('a search that would take too many steps stops with PatternBudgetError instead of stalling', () => {
    const pattern = compile('.*z|a', false);
    expect(() => pattern.matchAll('a'.repeat(4096))).toThrow(PatternBudgetError);
    expect(pattern.matchAll('a'.repeat(100))).toHaveLength(100);
  });

  describe('the step budget counts every instruction visited, so it bounds time', () => {
    const hex = Array.from({ length: 4096 }, (_, i) => '0123456789abcdef'[(i * 7) % 16]).join('');
    /** Steps one character can cost: its threads and the instructions visited to reach them, at most twice the program, and one. */
    const OVERSHOOT = 2 * MAX_PROGRAM + 1;

    test('a lazy star before \\B among many alternatives is stopped: it follows jumps and assertions, which did not count before', () => {
      const budget = new StepBudget(MESSAGE_STEP_BUDGET);
      expect(() => compile(`a.*?\\B${'|x|a'.repeat(120)}`, false).matchAll('a'.repeat(4096), budget)).toThrow(PatternBudgetError);
      expect(budget.remaining).toBeGreaterThanOrEqual(-OVERSHOOT);
    });

    test('assertions and jumps between characters are charged, not only the threads that read a character', () => {
      // One thread reads each character; ten assertions and a save are visited before it at every position.
      const budget = new StepBudget(MESSAGE_STEP_BUDGET);
      // A negated class gives no skip a start: the search visits every position.
      compile('\\B\\B\\B\\B\\B\\B\\B\\B\\B\\B[^b]', false).matchAll('b'.repeat(1000), budget);
      expect(MESSAGE_STEP_BUDGET - budget.remaining).toBeGreaterThanOrEqual(10 * 1000);
    });

    test('a search charges nothing left over from an earlier one that ran out', () => {
      const pattern = compile(`a.*?\\B${'|x|a'.repeat(120)}`, false);
      const cost = () => {
        const budget = new StepBudget(MESSAGE_STEP_BUDGET);
        pattern.test('x', budget);
        return MESSAGE_STEP_BUDGET - budget.remaining;
      };
      const alone = cost();
      expect(() => pattern.matchAll('a'.repeat(4096), new StepBudget(10_000))).toThrow(PatternBudgetError);
      expect(cost()).toBe(alone);
    });

    test('whatever the pattern and text, a search charges at most one character\'s steps past the budget', () => {
      const atom = fc.constantFrom('a', '.', '\\w', '[^b]', '(?:a|b)', '\\B', '\\b', 'x', '(a)');
      const quant = fc.constantFrom('', '*', '*?', '+', '?', '{1,20}', '{2,50}?');
      const source = fc.array(fc.tuple(atom, quant).map(([a, q]) => a + q), { minLength: 1, maxLength: 6 })
        .chain((parts) => fc.array(fc.constant(parts.join('')), { minLength: 1, maxLength: 12 }).map((alts) => alts.join('|')));
      fc.assert(fc.property(source, fc.string({ unit: fc.constantFrom('a', 'b', 'x', ' '), maxLength: 300 }), fc.integer({ min: 1, max: 20_000 }),
        (pattern, text, steps) => {
          let compiled: CompiledPattern;
          try {
            compiled = compile(pattern, false);
          } catch (error) {
            if (error instanceof PatternError) return;
            throw error;
          }
          const budget = new StepBudget(steps);
          try {
            compiled.matchAll(text, budget);
          } catch (error) {
            if (!(error instanceof PatternBudgetError)) throw error;
          }
          expect(budget.remaining).toBeGreaterThanOrEqual(-OVERSHOOT);
        }), { numRuns: 300 });
    });

    test('one of the slowest real patterns on 4 KB of hex digits, beside an email pattern, stays well within it', () => {
      const budget = new StepBudget(MESSAGE_STEP_BUDGET);
      compile('[\\w.-]{1,100}:[^\\s@]{1,100}@', false).matchAll(hex, budget);
      compile('[\\w.+-]+@[\\w-]+\\.[\\w.-]+', false).matchAll(hex, budget);
      expect(MESSAGE_STEP_BUDGET - budget.remaining).toBeLessThan(MESSAGE_STEP_BUDGET / 3);
    });
  });

  test('repetitions nested past the size limit are refused quickly, even around empty parts', () => {
    expect(() => compile('(?:(?:(?:(?:){100}){100}){100}){100}', false)).toThrow(PatternError);
    expect(() => compile('(?:(?:(?:a{100}){100}){100}){100}', false)).toThrow(/too large/);
    expect(() => compile('(?:(?:(?:(?:(?:(?:a?){100}){100}){100}){100}){100}){100}', false)).toThrow(PatternError);
  });

  test('never throws anything but a PatternError, whatever the pattern', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (pattern) => {
      try {
        compile(pattern, false).test('some text');
      } catch (error) {
        expect(error).toBeInstanceOf(PatternError);
      }
    }), { numRuns: 2000 });
  });
});
