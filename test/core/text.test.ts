import * as fc from 'fast-check';
import { cutToUnits, cutToUtf8Bytes, shortenWithEllipsis, utf8Length } from '../../src/core/text';

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

  test('cuts to UTF-8 bytes at a character boundary', () => {
    expect(cutToUtf8Bytes('aé😀', 3)).toBe('aé');
    expect(cutToUtf8Bytes('aé😀', 6)).toBe('aé');
    expect(cutToUtf8Bytes('aé😀', 7)).toBe('aé😀');
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.nat(64), (s, max) => {
      const cut = cutToUtf8Bytes(s, max);
      expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(max);
      expect(s.startsWith(cut)).toBe(true);
      expect(isWellFormed(cut)).toBe(true);
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
