import * as fc from 'fast-check';
import { codePointBefore, codePointsWithin, cutToUnits, fitWithin, shortenWithEllipsis, textSize, utf8Length } from '../../src/core/text';

const isWellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('text cutting', () => {
  test('never splits a surrogate pair', () => {
    expect(cutToUnits('ab😀', 3)).toBe('ab');
    expect(cutToUnits('ab😀', 4)).toBe('ab😀');
    expect(shortenWithEllipsis('😀😀😀😀', 4, '…')).toBe('😀…');
    expect(shortenWithEllipsis('abcdef', 4, '…')).toBe('abc…');
    expect(shortenWithEllipsis('abcd', 4, '…')).toBe('abcd');
  });

  test('counts UTF-8 bytes as Buffer does', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
    }));
    expect(utf8Length('é😀a')).toBe(2 + 4 + 1);
  });

  test('reads the code point before an index: a pair whole, a lone surrogate as itself', () => {
    expect(['a😀b', 'a\uDC00b', '\uDC00b', 'ab', ''].map((t) => codePointBefore(t, t.length - 1))).toEqual([0x1f600, 0xdc00, 0xdc00, 0x61, undefined]);
    expect(codePointBefore('a😀', 3)).toBe(0x1f600);
    expect(codePointBefore('a😀', 2)).toBe(0xd83d);
  });

  test('measures text in UTF-16 units, code points and UTF-8 bytes', () => {
    expect(textSize('aé😀')).toEqual({ units: 4, codePoints: 3, bytes: 7 });
    expect(textSize('\uD800x')).toEqual({ units: 2, codePoints: 2, bytes: 4 });
    // 600 emoji: 1,200 units, 600 code points.
    expect(['😀'.repeat(600), 'a'.repeat(600), '😀'.repeat(601)].map((t) => codePointsWithin(t, 600))).toEqual([true, true, false]);
  });

  test('fits text within a limit, or what arrived where that was more, in every unit at once', () => {
    expect(fitWithin('aé😀', 2, '')).toBe('a');
    expect(fitWithin('aé😀', 6, '')).toBe('aé');
    expect(fitWithin('aé😀', 7, '')).toBe('aé😀');
    // What arrived was 4 emoji: 4 code points, 8 units, 16 bytes; 10 ASCII characters exceed 4 code points and the limit 8.
    expect(fitWithin('x'.repeat(10), 8, '😀'.repeat(4))).toBe('x'.repeat(8));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.nat(64), (s, arrived, limit) => {
      const cut = fitWithin(s, limit, arrived);
      const [size, before] = [textSize(cut), textSize(arrived)];
      expect(size.units).toBeLessThanOrEqual(Math.max(limit, before.units));
      expect(size.codePoints).toBeLessThanOrEqual(Math.max(limit, before.codePoints));
      expect(size.bytes).toBeLessThanOrEqual(Math.max(limit, before.bytes));
      expect(s.startsWith(cut)).toBe(true);
      expect(isWellFormed(cut)).toBe(true);
      // The longest such prefix: one more character would not fit.
      const next = s.slice(0, cut.length + ([...s.slice(cut.length, cut.length + 2)][0]?.length ?? 0));
      if (next !== cut) expect(fitWithin(next, limit, arrived)).toBe(cut);
    }));
  });

  test('the cut prefix is the longest that fits and stays well formed', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 40 }), (s, max) => {
      const cut = shortenWithEllipsis(s, max, '…');
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(isWellFormed(cut)).toBe(true);
      if (s.length <= max) expect(cut).toBe(s);
      else expect(cut.length).toBeGreaterThanOrEqual(max - 1);
    }));
  });
});
