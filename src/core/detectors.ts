/**
 * Built-in detectors of personal data in message content, written as single left-to-right
 * scans (linear time, no regular expressions). Each returns the spans `[start, end)` it finds.
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
 * A match must not touch a letter, digit or `_` on either side, so `abc123456789` is no phone number.
 */

export type Span = readonly [number, number];
export type DetectorName = 'email' | 'phone' | 'paymentCard' | 'usSsn';

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAsciiLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isWordChar = (c: string | undefined) => c !== undefined && (isDigit(c) || isAsciiLetter(c) || c === '_' || /[\p{L}\p{N}]/u.test(c));
const isLocalChar = (c: string | undefined) => c !== undefined && (isDigit(c) || isAsciiLetter(c) || '._%+-'.includes(c));
const isDomainChar = (c: string | undefined) => c !== undefined && (isDigit(c) || isAsciiLetter(c) || c === '-' || c === '.');

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
    const domain = text.slice(at + 1, end);
    const labels = domain.split('.');
    const valid = start < at && labels.length >= 2 && labels.every((l) => l.length > 0 && !l.startsWith('-'))
      && /^[A-Za-z]{2,}$/.test(labels[labels.length - 1]);
    if (valid) {
      spans.push([start, end]);
      searchFrom = end;
    }
  }
  return spans;
}

/**
 * Runs of digits with single separators between them: the candidates for phone and card numbers.
 * `separators` are the characters allowed between digit groups.
 */
function digitRuns(text: string, separators: string, allowPlus: boolean): { start: number; end: number; digits: string }[] {
  const runs: { start: number; end: number; digits: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const plus = allowPlus && text[i] === '+' && isDigit(text[i + 1]);
    if (!isDigit(text[i]) && !plus && !(separators.includes('(') && text[i] === '(' && isDigit(text[i + 1]))) {
      i++;
      continue;
    }
    const start = i;
    if (plus) i++;
    let digits = '';
    let end = i;
    while (i < text.length) {
      if (isDigit(text[i])) {
        digits += text[i];
        i++;
        end = i;
      } else if (separators.includes(text[i]) && isDigit(text[i + 1])) {
        i++;
      } else if (separators.includes(text[i]) && separators.includes(text[i + 1]) && text[i] !== text[i + 1] && isDigit(text[i + 2])) {
        // Two different separators, such as ") " in "(555) 123".
        i += 2;
      } else if (text[i] === '(' && separators.includes('(') && isDigit(text[i + 1])) {
        i++;
      } else {
        break;
      }
    }
    if (separators.includes(')') && text[end] === ')' && text.slice(start, end).includes('(')) end++;
    // A leading '+' already separates the number from a digit before it.
    const before = plus && isDigit(text[start - 1]) ? undefined : text[start - 1];
    if (!isWordChar(before) && !isWordChar(text[end])) runs.push({ start, end, digits });
    i = Math.max(end, start + 1);
  }
  return runs;
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
  return digitRuns(text, ' -', false)
    .filter((run) => run.digits.length >= 13 && run.digits.length <= 19 && luhn(run.digits))
    .map((run) => [run.start, run.end] as const);
}

function findPhones(text: string): Span[] {
  return digitRuns(text, ' -.()', true)
    .filter((run) => run.digits.length >= 7 && run.digits.length <= 15)
    .map((run) => [run.start, run.end] as const);
}

function findUsSsns(text: string): Span[] {
  const spans: Span[] = [];
  for (let i = text.indexOf('-'); i !== -1; i = text.indexOf('-', i + 1)) {
    const start = i - 3;
    if (start < 0 || text[i + 3] !== '-') continue;
    const candidate = text.slice(start, start + 11);
    const m = /^(\d{3})-(\d{2})-(\d{4})$/.exec(candidate);
    if (!m || isWordChar(text[start - 1]) || isWordChar(text[start + 11])) continue;
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
 * Replaces the spans of `text`. Overlapping or touching spans are merged, and the merged span
 * takes the replacement of the redaction listed first among those that found it.
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
