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

/** The UTF-16 code units a code point takes: two for one beyond the Basic Multilingual Plane (a surrogate pair). */
export function unitsOf(code: number): 1 | 2 {
  return code > 0xffff ? 2 : 1;
}

/** Whether a surrogate pair starts at `index`. */
function isPairAt(text: string, index: number): boolean {
  const next = text.charCodeAt(index + 1);
  return isHighSurrogate(text.charCodeAt(index)) && next >= 0xdc00 && next <= 0xdfff;
}

/**
 * The code point that ends just before `index` (a UTF-16 index): a surrogate pair as one code
 * point, a lone surrogate as itself; undefined at the start of the text.
 */
export function codePointBefore(text: string, index: number): number | undefined {
  if (index <= 0) return undefined;
  return index >= 2 && isPairAt(text, index - 2) ? text.codePointAt(index - 2) : text.charCodeAt(index - 1);
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

/** A lone surrogate: with flag `u`, a pair is one code point, and only a lone half is of category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `text` is well-formed UTF-16: no half of a surrogate pair stands alone. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The number of bytes `text` takes in UTF-8 (a lone surrogate as the 3 of its replacement). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** A size in each unit a service may count a string's length in. */
export interface TextSize {
  readonly units: number;
  readonly codePoints: number;
  readonly bytes: number;
}

/** The number of code points of `text` (a surrogate pair as one, a lone surrogate as one). */
export function codePointLength(text: string): number {
  let codePoints = 0;
  for (let i = 0; i < text.length; i += isPairAt(text, i) ? 2 : 1) codePoints++;
  return codePoints;
}

/** Whether `text` holds at most `max` code points; a text within `max` UTF-16 units needs no count. */
export function codePointsWithin(text: string, max: number): boolean {
  return text.length <= max || codePointLength(text) <= max;
}

/** The size of `text` in UTF-16 code units, code points and UTF-8 bytes (a lone surrogate as 1 code point, 3 bytes). */
export function textSize(text: string): TextSize {
  return { units: text.length, codePoints: codePointLength(text), bytes: utf8Length(text) };
}

/** The number of UTF-16 code units of the longest prefix of `text`, on a character boundary, within `max` in every unit. */
function fitPrefix(text: string, max: TextSize): number {
  let bytes = 0;
  let codePoints = 0;
  let units = 0;
  while (units < text.length) {
    const size = utf8SizeAt(text, units);
    if (bytes + size.bytes > max.bytes || codePoints + 1 > max.codePoints || units + size.units > max.units) break;
    bytes += size.bytes;
    codePoints += 1;
    units += size.units;
  }
  return units;
}

/**
 * `text` cut, at a character boundary, so that in every unit (UTF-16 code units, code points,
 * UTF-8 bytes) it is no longer than `limit` or than `original` in that unit, whichever is more.
 * Whatever unit the service counts a limit in, `original` was accepted in it, so the result is too.
 */
export function fitWithin(text: string, limit: number, original: string): string {
  if (text.length * 3 <= limit) return text;
  const arrived = textSize(original);
  const max = { units: Math.max(limit, arrived.units), codePoints: Math.max(limit, arrived.codePoints), bytes: Math.max(limit, arrived.bytes) };
  const size = textSize(text);
  if (size.units <= max.units && size.codePoints <= max.codePoints && size.bytes <= max.bytes) return text;
  return text.slice(0, fitPrefix(text, max));
}

let graphemes: Intl.Segmenter | undefined;

/**
 * The span `start`-`end` of `text` widened to the grapheme clusters it touches (Unicode's
 * user-perceived characters, from ICU through Intl.Segmenter): a base letter and its combining
 * accent, or the parts of a joined emoji, are never split.
 */
export function widenToGraphemes(text: string, start: number, end: number): readonly [number, number] {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const segments = graphemes.segment(text);
  const first = segments.containing(start);
  const last = end > start ? segments.containing(end - 1) : first;
  return [first?.index ?? start, last ? Math.max(end, last.index + last.segment.length) : end];
}
