import { execFileSync } from 'child_process';
import * as path from 'path';
import * as fc from 'fast-check';
import { caseVariants } from '../../../src/core/pattern/case-folding';
import { ROOT } from '../../support/fixtures';
import { compile, jsMatches, ours } from '../../support/patterns';

test('the case-folding table is what scripts/case-folding.mjs makes from the installed Unicode data', () => {
  // Throws, with the script's message, when src/core/pattern/case-folding-data.ts has drifted.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'case-folding.mjs'), '--check'], { stdio: 'pipe' });
});

describe('ignoring case, characters match exactly when JavaScript (flags iu) says they do', () => {
  const escape = (c: number) => `\\u{${c.toString(16)}}`;
  const jsSame = (a: number, b: number) => new RegExp(`^${escape(a)}$`, 'iu').test(String.fromCodePoint(b));
  const codePoints = function* () {
    for (let c = 0; c <= 0x10ffff; c++) if (c < 0xd800 || c > 0xdfff) yield c;
  };

  // A runtime older than the data (Unicode 17) folds none of the characters assigned since: it
  // cannot judge them, so pairs with a character it does not know are left out.
  const known = (c: number) => !/\p{Cn}/u.test(String.fromCodePoint(c));

  test('every pair the case-folding data makes, both ways', () => {
    let pairs = 0;
    for (const c of codePoints()) {
      for (const v of caseVariants(c)) {
        if (v === c || !known(c) || !known(v)) continue;
        pairs++;
        if (!jsSame(c, v) || !jsSame(v, c)) throw new Error(`U+${c.toString(16)} and U+${v.toString(16)}: JavaScript does not match them`);
      }
    }
    expect(pairs).toBeGreaterThan(3000);
  });

  test('every pair the Unicode case mappings suggest, for every code point', () => {
    const single = (text: string) => ([...text].length === 1 ? text.codePointAt(0)! : undefined);
    const missed: string[] = [];
    for (const c of codePoints()) {
      const char = String.fromCodePoint(c);
      const candidates = new Set<number | undefined>();
      for (const one of [char.toLowerCase(), char.toUpperCase()]) {
        candidates.add(single(one));
        candidates.add(single(one.toLowerCase()));
        candidates.add(single(one.toUpperCase()));
      }
      for (const v of candidates) {
        if (v === undefined || v === c || caseVariants(c).includes(v)) continue;
        if (jsSame(c, v)) missed.push(`U+${c.toString(16)} ~ U+${v.toString(16)}`);
      }
    }
    expect(missed).toEqual([]);
  });

  test('no character the data leaves alone matches one it folds, in JavaScript', () => {
    // One class of every character in a folding class; any other character it matches would be a pair the data misses.
    const folded = new Set<number>();
    for (const c of codePoints()) if (caseVariants(c).length > 1) folded.add(c);
    const all = new RegExp(`^[${[...folded].map(escape).join('')}]$`, 'iu');
    const outside: string[] = [];
    for (const c of codePoints()) if (!folded.has(c) && all.test(String.fromCodePoint(c))) outside.push(`U+${c.toString(16)}`);
    expect(outside).toEqual([]);
  });

  test.each([
    ['μαλάκας', 'ΜΑΛΆΚΑΣ'], ['σ', 'ς Σ'], ['ς', 'σ Σ'], ['s', 'ſ S'], ['ſ', 's'], ['k', '\u212a K'], ['\u212a', 'k'],
    ['i', 'ı İ I'], ['kill', 'kıll'], ['[^K]', 'ſ ı \u212a k'], ['[\\W]', 'ſ ı \u212a'], ['[^\\W]', 'ſ ı \u212a'], ['\\W', 'ſ ı \u212a'],
    ['\\w', 'ſ \u212a ı'], ['\\bs\\b', 'ſs s'], ['a\\B', 'aſ'], ['ß', 'ẞ'], ['θ', 'ϑ Θ'], ['ǅ', 'Ǆ ǆ'],
  ])('%s in %s', (pattern, text) => {
    expect(ours(pattern, text, true)).toEqual(jsMatches(pattern, text, true));
  });
});

test.each([
  ['[][]', 'a[b]c'], ['[]', 'abc'], ['[^]', 'a😀\n'], ['a[^]*b', 'a\nxb'], ['\\u{D83D}\\uDE00', 'x😀'], ['\\uD83D\\uDE00', 'x😀'],
  ['\\u{0000041}', 'xA'], ['[\\u{00000062}-\\u{063}]', 'abc'],
])('reads classes and escapes as JavaScript does: %s in %j', (pattern, text) => {
  expect(ours(pattern, text)).toEqual(jsMatches(pattern, text));
});

test.each(['\\p{L}', '\\P{Lu}', '[\\p{N}]'])('refuses the Unicode property escape in %s, saying so', (pattern) => {
  expect(() => compile(pattern, false)).toThrow(/the Unicode property escape \\[pP]\{\w+\} at \d+ is not supported/);
});

test.each([
  ['\\bb', 'a\uDC00b'], ['\\Bb', 'a\uDC00b'], ['\\bb', '\uDC00b'], ['x\\b', 'x\uDC00'], ['\\bb', '😀b'], ['\\Bb', 'a😀b'], ['\\bb', 'a\uD800b'],
])('a word boundary reads the character before it whole, a lone surrogate as itself: %s in %j', (pattern, text) => {
  expect(ours(pattern, text)).toEqual(jsMatches(pattern, text));
});

test('agrees with JavaScript ignoring case on random patterns', () => {
  const atom = fc.constantFrom('a', 'B', 'é', 'Σ', '[a-c]', '[^B]', '\\w', '(A|b)', '.');
  const quant = fc.constantFrom('', '*', '+', '?', '{1,2}');
  const patternArb = fc.array(fc.tuple(atom, quant).map(([a, q]) => a + q), { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
  const textArb = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', 'é', 'É', 'σ', 'ς', 'Σ', ' '), maxLength: 10 });
  fc.assert(fc.property(patternArb, textArb, (pattern, text) => {
    expect(ours(pattern, text, true)).toEqual(jsMatches(pattern, text, true));
  }), { numRuns: 1000 });
});
