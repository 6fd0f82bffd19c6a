import * as fc from 'fast-check';
import { foldClosure } from '../../../src/core/pattern/case-folding';
import { checkPattern } from '../../../src/core/pattern/check';
import { parsePattern } from '../../../src/core/pattern/parse';
import { MAX_SYNTAX_DEPTH, PatternSyntax, checkSyntax, WORD_RANGES, WORD_RANGES_IGNORING_CASE } from '../../../src/core/pattern/syntax';
import { CompiledPattern } from '../../../src/core/pattern/vm';

const char = (lo: number, hi = lo): PatternSyntax => ({ type: 'char', ranges: [[lo, hi]] });

describe('the syntax tree the processor runs', () => {
  test('is accepted whenever the parser made it, and runs as the source does in JavaScript', () => {
    const atom = fc.constantFrom('a', 'K', 'ſ', '.', '\\d', '\\W', '[^a-c]', '(a|b)', '(?:x|ab)', '\\b', '^', '😀', '[\\s\\S]');
    const quant = fc.constantFrom('', '*', '+?', '{1,3}');
    const source = fc.array(fc.tuple(atom, quant).map(([a, q]) => (['\\b', '^'].includes(a) ? a : a + q)), { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    fc.assert(fc.property(source, fc.boolean(), fc.string({ unit: fc.constantFrom('a', 'k', 'K', '\u212a', 's', 'ſ', 'x', ' ', '😀'), maxLength: 12 }), (pattern, ignoreCase, text) => {
      const syntax = JSON.parse(JSON.stringify(parsePattern(pattern, ignoreCase)));
      expect(checkSyntax(syntax)).toBeUndefined();
      const ours = new CompiledPattern(syntax, ignoreCase).matchAll(text).map((m) => [m.start, m.end]);
      const js = [...text.matchAll(new RegExp(pattern, ignoreCase ? 'giu' : 'gu'))].map((m) => [m.index, m.index + m[0].length]);
      expect(ours).toEqual(js);
    }), { numRuns: 1000 });
  });

  test('word characters ignoring case are what the case-folding data closes them to', () => {
    expect(WORD_RANGES_IGNORING_CASE).toEqual(foldClosure(WORD_RANGES));
  });

  test.each([
    ['a node that is not an object', 'a', /a node must be an object/],
    ['an unknown node', { type: 'lookahead', body: char(97) }, /unknown node type "lookahead"/],
    ['unsorted ranges', { type: 'char', ranges: [[98, 98], [97, 97]] }, /sorted, apart and not adjacent/],
    ['adjacent ranges, which binary search would still find but the parser never makes', { type: 'char', ranges: [[97, 97], [98, 98]] }, /not adjacent/],
    ['a range past Unicode', { type: 'char', ranges: [[0, 0x110000]] }, /not one of code points/],
    ['a range of fractions', { type: 'char', ranges: [[1.5, 2]] }, /two integers/],
    ['an unknown assertion', { type: 'assert', kind: 'lookbehind' }, /unknown assertion "lookbehind"/],
    ['a group number of zero', { type: 'group', capture: 0, body: char(97) }, /positive integer/],
    ['a count over 100', { type: 'repeat', body: char(97), min: 0, max: 101, greedy: true }, /counts from 0 to 100/],
    ['counts out of order', { type: 'repeat', body: char(97), min: 3, max: 2, greedy: true }, /the least first/],
    ['an unbounded count written as a number', { type: 'repeat', body: char(97), min: 0, max: 1e9, greedy: true }, /counts from 0 to 100/],
    ['a repetition of nothing', { type: 'repeat', body: { type: 'concat', items: [] }, min: 1, max: null, greedy: true }, /can match no text/],
    ['no greediness', { type: 'repeat', body: char(97), min: 1, max: null }, /greedy or not/],
    ['an empty alternation', { type: 'alt', options: [] }, /at least 1/],
    ['a bad node deep inside', { type: 'concat', items: [char(97), { type: 'group', body: { type: 'alt', options: [char(98), { type: 'char' }] } }] }, /list of ranges/],
  ])('refuses %s', (_, syntax, problem) => {
    expect(checkSyntax(syntax)).toMatch(problem);
    expect(checkPattern({ pattern: 'a', ignoreCase: false, syntax })).toMatch(/the pattern "a" comes with a syntax tree the processor cannot run/);
  });

  test('refuses a tree deeper than any pattern makes, without exhausting the stack', () => {
    let deep: PatternSyntax = char(97);
    for (let i = 0; i < 100_000; i++) deep = { type: 'group', body: deep };
    expect(checkSyntax(deep)).toMatch(new RegExp(`more than ${MAX_SYNTAX_DEPTH} levels deep`));
    // The deepest a pattern of 500 characters can nest is well within the limit.
    expect(checkSyntax(parsePattern(`${'('.repeat(249)}a${')'.repeat(249)}`, false))).toBeUndefined();
  });

  test('refuses a tree too large to run, and a missing tree', () => {
    const large: PatternSyntax = { type: 'repeat', body: { type: 'repeat', body: char(97), min: 100, max: 100, greedy: true }, min: 100, max: 100, greedy: true };
    expect(checkPattern({ pattern: 'a', ignoreCase: false, syntax: large })).toMatch(/is not supported: the pattern is too large/);
    expect(checkPattern({ pattern: 'a', ignoreCase: false })).toMatch(/comes with a syntax tree the processor cannot run: a node must be an object/);
  });

  test('is resolved: classes are plain sets, closed under case folding when ignoring case', () => {
    expect(parsePattern('[^\\W]', true)).toEqual({ type: 'concat', items: [{ type: 'char', ranges: WORD_RANGES_IGNORING_CASE }] });
    expect(parsePattern('k', true)).toEqual({ type: 'concat', items: [{ type: 'char', ranges: [[0x4b, 0x4b], [0x6b, 0x6b], [0x212a, 0x212a]] }] });
    expect(parsePattern('a{2,}?', false)).toEqual({ type: 'concat', items: [{ type: 'repeat', body: char(97), min: 2, max: null, greedy: false }] });
  });
});
