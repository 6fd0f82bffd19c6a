/**
 * Built-in detectors of personal data in message content: hand-written scans around `@`, `-`
 * and runs of digits, with small anchored regular expressions for the shape checks, in time
 * linear in the content (they do not draw on the pattern step budget, so they must be; the
 * bench measures them on their worst inputs). Each returns the spans `[start, end)` it finds.
 *
 * - email addresses: `local@domain.tld`, local part of letters, digits and `._%+-`, a domain of
 *   labels of letters, digits and `-` with a final label of at least two letters;
 * - phone numbers: 7 to 15 digits (the E.164 maximum), optionally after `+`, with single spaces,
 *   dots, dashes or parentheses between digit groups;
 * - payment card numbers: 13 to 19 digits, optionally in groups split by single spaces or
 *   dashes, that pass the Luhn check;
 * - US social security numbers: `AAA-GG-SSSS` with a valid area (not 000, 666 or 900-999),
 *   group (not 00) and serial (not 0000).
 *
 * A match must not touch a letter, number, combining mark or `_` on either side, so `abc123456789` is no phone number.
 */

import { codePointBefore, isWordChar } from './text';

export type Span = readonly [number, number];
export type DetectorName = 'email' | 'phone' | 'paymentCard' | 'usSsn';

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}]/u.test(c);
const isLocalChar = (c: string | undefined) => c !== undefined && (isDigit(c) || isLetter(c) || '._%+-'.includes(c));
const isDomainChar = (c: string | undefined) => c !== undefined && (isDigit(c) || isLetter(c) || c === '-' || c === '.');

/** The character before `index`, whole even when it is an astral one. */
const charBefore = (text: string, index: number) => {
  const code = codePointBefore(text, index);
  return code === undefined ? undefined : String.fromCodePoint(code);
};

function findEmails(text: string): Span[] {
  const spans: Span[] = [];
  let searchFrom = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', Math.max(at + 1, searchFrom))) {
    let start = at;
    while (start > searchFrom && isLocalChar(text[start - 1])) start--;
    while (start < at && text[start] === '.') start++;
    let end = at + 1;
    while (end < text.length && isDomainChar(text[end])) end++;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    const labels = text.slice(at + 1, end).split('.');
    const valid = start < at && labels.length >= 2 && labels.every((l) => l.length > 0 && !l.startsWith('-'))
      && /^\p{L}{2,}$/u.test(labels[labels.length - 1]) && !isWordChar(text[end]) && !isWordChar(charBefore(text, start));
    if (valid) {
      spans.push([start, end]);
      searchFrom = end;
    }
  }
  return spans;
}

/** A run of digit groups with single separators between them, as it stands in the text. */
interface DigitRun {
  readonly groups: readonly { readonly start: number; readonly end: number; readonly digits: string }[];
  /** The separator before each group (none before the first). */
  readonly separators: readonly string[];
  readonly plus: boolean;
}

/** Where a run may start. A single character class: native speed over text without digits, and nothing to backtrack. */
const RUN_START = /[0-9+(]/g;

/** Runs of digit groups joined by single separators (or two different ones, such as ") "). */
function digitRuns(text: string, separators: string, allowPlus: boolean): DigitRun[] {
  const runs: DigitRun[] = [];
  const candidate = RUN_START;
  let i = 0;
  while (i < text.length) {
    candidate.lastIndex = i;
    const found = candidate.exec(text);
    if (!found) break;
    i = found.index;
    const plus = allowPlus && text[i] === '+' && isDigit(text[i + 1]);
    const paren = separators.includes('(') && text[i] === '(' && isDigit(text[i + 1]);
    if (!isDigit(text[i]) && !plus && !paren) {
      i++;
      continue;
    }
    const runStart = i;
    if (plus || paren) i++;
    const groups: { start: number; end: number; digits: string }[] = [];
    const seps: string[] = [];
    for (;;) {
      const start = i;
      while (isDigit(text[i])) i++;
      groups.push({ start: groups.length === 0 ? runStart : start, end: i, digits: text.slice(start, i) });
      let next = i;
      let between = '';
      while (next < text.length && separators.includes(text[next]) && between.length < 2 && !between.includes(text[next])) between += text[next++];
      if (between === '' || !isDigit(text[next])) break;
      seps.push(between);
      i = next;
    }
    const last = groups[groups.length - 1];
    if (separators.includes(')') && text[last.end] === ')' && text.slice(runStart, last.end).includes('(')) groups[groups.length - 1] = { ...last, end: last.end + 1 };
    runs.push({ groups, separators: seps, plus });
    i = Math.max(groups[groups.length - 1].end, runStart + 1);
  }
  return runs;
}

/**
 * The leftmost-longest stretches of whole groups, each within `min`-`max` digits, that
 * `accept` takes; a stretch must not touch a letter, digit or `_`. Unless `anywhere`, a stretch
 * starts only at the run's first group.
 */
function stretches(text: string, run: DigitRun, min: number, max: number, anywhere: boolean,
  accept: (digits: string, shape: string) => boolean): Span[] {
  const spans: Span[] = [];
  let from = 0;
  while (from < run.groups.length) {
    let found: [number, number] | undefined;
    let digits = '';
    const candidates: [number, string][] = [];
    for (let to = from; to < run.groups.length && digits.length + run.groups[to].digits.length <= max; to++) {
      digits += run.groups[to].digits;
      candidates.push([to, digits]);
    }
    for (const [to, d] of candidates.reverse()) {
      const start = run.groups[from].start;
      const end = run.groups[to].end;
      const shape = text.slice(start, end);
      // A leading '+' already separates the number from a digit before it.
      const before = text[start] === '+' && isDigit(charBefore(text, start)) ? undefined : charBefore(text, start);
      if (d.length >= min && !isWordChar(before) && !isWordChar(text[end]) && accept(d, shape)) {
        found = [from, to];
        break;
      }
    }
    if (!found) {
      if (!anywhere) break;
      from++;
      continue;
    }
    if (!anywhere) from = run.groups.length;
    spans.push([run.groups[found[0]].start, run.groups[found[1]].end]);
    from = found[1] + 1;
  }
  return spans;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function findPaymentCards(text: string): Span[] {
  return digitRuns(text, ' -', false).flatMap((run) => stretches(text, run, 13, 19, true, (digits) => luhn(digits)));
}

/** Shapes of digits that are not phone numbers: dates and grouped thousands. */
const NOT_PHONE = [/^\d{4}-\d{1,2}-\d{1,2}(?!\d)/, /^\d{1,2}[-/]\d{1,2}[-/]\d{2,4}(?!\d)/, /^\d{1,3}( \d{3})+$/];
/** Dots stand between the groups of a phone number only as in 555.123.4567 (decimals, IP addresses and dates use them too). */
const DOTTED_PHONE = /^(\+\d{1,3} )?\d{3}\.\d{3}\.\d{4}$/;

function findPhones(text: string): Span[] {
  return digitRuns(text, ' -.()', true).flatMap((run) => {
    const { groups, separators } = run;
    // Digits from each group to the next space between groups, computed from the right so a
    // run of thousands of groups costs one pass, not one pass per group.
    const toNextSpace: number[] = new Array(groups.length);
    for (let j = groups.length - 1; j >= 0; j--) {
      const joined = j + 1 < groups.length && !separators[j].includes(' ');
      toNextSpace[j] = groups[j].digits.length + (joined ? toNextSpace[j + 1] : 0);
    }
    // Two numbers side by side ("555-123-4567 555-987-6543") split where a space stands between
    // parts that each hold 7 digits or more.
    const chunks: { groups: DigitRun['groups'][number][]; separators: string[]; plus: boolean; digits: number }[] = [];
    let current = { groups: [groups[0]], separators: [] as string[], plus: run.plus, digits: groups[0].digits.length };
    for (let j = 1; j < groups.length; j++) {
      const sep = separators[j - 1];
      if (sep.includes(' ') && current.digits >= 7 && toNextSpace[j] >= 7) {
        chunks.push(current);
        current = { groups: [groups[j]], separators: [], plus: false, digits: groups[j].digits.length };
      } else {
        current.groups.push(groups[j]);
        current.separators.push(sep);
        current.digits += groups[j].digits.length;
      }
    }
    chunks.push(current);
    // A phone number is a whole chunk: a part of a longer string of digits is not one.
    return chunks.flatMap((chunk) => stretches(text, chunk, 7, 15, false,
      (digits, shape) => digits.length === chunk.digits && !NOT_PHONE.some((re) => re.test(shape))
        && (!shape.includes('.') || DOTTED_PHONE.test(shape))));
  });
}

function findUsSsns(text: string): Span[] {
  const spans: Span[] = [];
  for (let i = text.indexOf('-'); i !== -1; i = text.indexOf('-', i + 1)) {
    const start = i - 3;
    if (start < 0 || text[i + 3] !== '-') continue;
    const m = /^(\d{3})-(\d{2})-(\d{4})$/.exec(text.slice(start, start + 11));
    if (!m || isWordChar(charBefore(text, start)) || isWordChar(text[start + 11])) continue;
    const area = Number(m[1]);
    if (area === 0 || area === 666 || area >= 900 || m[2] === '00' || m[3] === '0000') continue;
    spans.push([start, start + 11]);
  }
  return spans;
}

export const DETECTORS: Readonly<Record<DetectorName, (text: string) => Span[]>> = {
  email: findEmails,
  phone: findPhones,
  paymentCard: findPaymentCards,
  usSsn: findUsSsns,
};

export const DEFAULT_REPLACEMENTS: Readonly<Record<DetectorName | 'pattern', string>> = {
  email: '[email]',
  phone: '[phone]',
  paymentCard: '[card]',
  usSsn: '[ssn]',
  pattern: '[redacted]',
};

/**
 * Replaces the spans of `text`. Overlapping spans are merged, and the merged span takes the
 * replacement of the redaction listed first among those that found it; spans that only touch
 * keep their own replacements.
 */
export function applyRedactions(text: string, found: readonly { span: Span; replacement: string; order: number }[]): string {
  if (found.length === 0) return text;
  const sorted = [...found].sort((a, b) => a.span[0] - b.span[0] || a.order - b.order);
  let out = '';
  let last = 0;
  let i = 0;
  while (i < sorted.length) {
    let [start, end] = sorted[i].span;
    let best = sorted[i];
    for (i++; i < sorted.length && sorted[i].span[0] < end; i++) {
      end = Math.max(end, sorted[i].span[1]);
      if (sorted[i].order < best.order) best = sorted[i];
    }
    start = Math.max(start, last);
    out += text.slice(last, start) + best.replacement;
    last = end;
  }
  return out + text.slice(last);
}
