/**
 * String cutting that never splits a surrogate pair, so a cut string is always valid Unicode;
 * and what counts as a word character when a find must stand on its own.
 */

/** A letter, digit, combining mark (of any script) or `_`, as a regular-expression class. */
export const WORD_CHAR_CLASS = '[\\p{L}\\p{N}\\p{M}_]';
const WORD_CHAR = new RegExp(WORD_CHAR_CLASS, 'u');

/** Whether `char` is a word character: a find touching one is part of a longer word. */
export function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Whether a surrogate pair starts at `index`. */
function isPairAt(text: string, index: number): boolean {
  const next = text.charCodeAt(index + 1);
  return isHighSurrogate(text.charCodeAt(index)) && next >= 0xdc00 && next <= 0xdfff;
}

/** The longest prefix of `text` within `maxUnits` UTF-16 code units that ends on a character boundary. */
export function cutToUnits(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  let end = Math.max(0, maxUnits);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/** `text` itself when it fits `maxUnits`, otherwise a cut prefix followed by `ellipsis`, within `maxUnits` in all. */
export function shortenWithEllipsis(text: string, maxUnits: number, ellipsis: string): string {
  if (text.length <= maxUnits) return text;
  return cutToUnits(text, maxUnits - ellipsis.length) + ellipsis;
}

/** The UTF-8 size of the character at `index`, and the UTF-16 code units it takes (a lone surrogate counts 3 bytes). */
function utf8SizeAt(text: string, index: number): { bytes: number; units: number } {
  const code = text.charCodeAt(index);
  if (code < 0x80) return { bytes: 1, units: 1 };
  if (code < 0x800) return { bytes: 2, units: 1 };
  return isPairAt(text, index) ? { bytes: 4, units: 2 } : { bytes: 3, units: 1 };
}

/** The number of bytes `text` takes in UTF-8 (a lone surrogate as the 3 of its replacement). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes that ends on a character boundary. */
export function cutToUtf8Bytes(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || utf8Length(text) <= maxBytes) return text;
  return text.slice(0, utf8Prefix(text, maxBytes).units);
}

function utf8Prefix(text: string, maxBytes: number): { bytes: number; units: number } {
  let bytes = 0;
  let units = 0;
  while (units < text.length) {
    const size = utf8SizeAt(text, units);
    if (bytes + size.bytes > maxBytes) break;
    bytes += size.bytes;
    units += size.units;
  }
  return { bytes, units };
}
