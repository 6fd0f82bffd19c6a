/**
 * Built-in detectors of personal data in message content: hand-written scans around `@`, `-`
 * and runs of digits, with small anchored regular expressions for the shape checks, in time
 * linear in the content (they do not draw on the pattern step budget, so they must be; the
 * bench measures them on their worst inputs). Each returns the spans `[start, end)` it finds.
 *
 * - email addresses: `local@domain.tld`, a local part of letters, digits, `.` and the other
 *   characters an address may hold unquoted (`'`, `+`, `%`, ...), a domain of labels of letters,
 *   digits and `-` with a final label of at least two letters;
 * - phone numbers: 7 to 15 digits (the E.164 maximum), optionally after `+`, with single spaces,
 *   dots, dashes, slashes or parentheses between digit groups;
 * - payment card numbers: 13 to 19 digits, optionally in groups split by single spaces or
 *   dashes, that pass the Luhn check;
 * - US social security numbers: `AAA-GG-SSSS` with a valid area (not 000, 666 or 900-999),
 *   group (not 00) and serial (not 0000).
 *
 * Every decision is made on code points with Unicode's categories. A find must not touch a
 * character that would continue it (a letter, number, combining mark or `_`), so
 * `abc123456789` is no phone number; letters of scripts written without spaces between words
 * (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) are not part of a find and do not
 * continue one, so `我的电话是555-123-4567请打给我` has a phone number and
 * `请发邮件到ann@example.com谢谢` an address, the sentence around them kept. A find never leaves
 * part of itself in clear: a card number takes the short groups joined to it as it joins its own.
 */

import { codePointBefore } from './text';

export type Span = readonly [number, number];
export type DetectorName = 'email' | 'phone' | 'paymentCard' | 'usSsn';

/** Letters of scripts written without spaces between words: they stand beside a find, never in it. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const CONTINUING = /[\p{L}\p{N}\p{M}_]/u;
const LETTER = /[\p{L}\p{M}]/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
/** What an address's local part may hold unquoted besides letters and digits (RFC 5322's atext, and `.`). */
const LOCAL_SYMBOLS = new Set("!#$%&'*+/=?^_`{|}~-.");

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
/** Whether `c` would continue a find that touches it: a letter, number, combining mark or `_` of a spaced script. */
const continues = (c: string | undefined) => c !== undefined && CONTINUING.test(c) && !UNSPACED.test(c);
const isLetter = (c: string) => LETTER.test(c) && !UNSPACED.test(c);
const isLocalChar = (c: string) => isLetter(c) || DECIMAL_DIGIT.test(c) || LOCAL_SYMBOLS.has(c);
const isDomainChar = (c: string) => isLetter(c) || DECIMAL_DIGIT.test(c) || c === '-' || c === '.';
/** An address begins with a letter, digit or `_`: a quote or dot before it is the sentence's. */
const isLocalStart = (c: string) => isLetter(c) || DECIMAL_DIGIT.test(c) || c === '_';

/** The character (code point) before `index`, whole even when it is an astral one. */
function charBefore(text: string, index: number): string | undefined {
  const code = codePointBefore(text, index);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

/** The character (code point) at `index`, whole even when it is an astral one. */
function charAt(text: string, index: number): string | undefined {
  const code = text.codePointAt(index);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

/** Whether the span stands on its own: no character that would continue it on either side. */
const standsAlone = (text: string, start: number, end: number) => !continues(charBefore(text, start)) && !continues(charAt(text, end));

function findEmails(text: string): Span[] {
  const spans: Span[] = [];
  let searchFrom = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', Math.max(at + 1, searchFrom))) {
    let start = at;
    for (let c = charBefore(text, start); start > searchFrom && c !== undefined && isLocalChar(c); c = charBefore(text, start)) start -= c.length;
    for (let c = charAt(text, start); start < at && c !== undefined && !isLocalStart(c); c = charAt(text, start)) start += c.length;
    let end = at + 1;
    for (let c = charAt(text, end); c !== undefined && isDomainChar(c); c = charAt(text, end)) end += c.length;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    const labels = text.slice(at + 1, end).split('.');
    const valid = start < at && labels.length >= 2 && labels.every((l) => l.length > 0 && !l.startsWith('-'))
      && /^\p{L}{2,}$/u.test(labels[labels.length - 1]) && standsAlone(text, start, end);
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
}

/** Where a run may start. A single character class: native speed over text without digits, and nothing to backtrack. */
const RUN_START = /[0-9+(]/g;

/**
 * Runs of digit groups joined by single separators (or two different ones, such as ") "). A
 * run's first group starts at its `+` or `(` when it has one.
 */
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
    runs.push({ groups, separators: seps });
    i = Math.max(groups[groups.length - 1].end, runStart + 1);
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

/**
 * A finder of stretches in a run of groups: the last group of the stretch that starts at
 * `from`, if one does; `afterFind` when a find ends just before `from`.
 */
type StretchAt = (from: number, afterFind: boolean) => number | undefined;

/** `find` remembered, so a finder that looks ahead at the next stretch does each start once. */
function remembered(find: StretchAt): StretchAt {
  const memo = new Map<number, number | undefined>();
  return (from, afterFind) => {
    const key = from * 2 + (afterFind ? 1 : 0);
    if (!memo.has(key)) memo.set(key, find(from, afterFind));
    return memo.get(key);
  };
}

/** The stretches a finder takes in a run of `count` groups, left to right, each as `[from, to]`. */
function stretchesOf(count: number, stretchAt: StretchAt): [number, number][] {
  const found: [number, number][] = [];
  let afterFind = false;
  for (let from = 0; from < count;) {
    const to = stretchAt(from, afterFind);
    afterFind = to !== undefined;
    if (to === undefined) {
      from++;
    } else {
      found.push([from, to]);
      from = to + 1;
    }
  }
  return found;
}

/** The most digits of a group a card number takes with it (its security code, or its true last group). */
const CARD_GROUP_MAX_DIGITS = 4;

/**
 * Card numbers: in each run, the leftmost-longest stretches of whole groups of 13-19 digits that
 * pass Luhn, with one separator throughout, not joined by a dash to digits around them and not
 * after `+`. A stretch takes one following group of at most four digits joined by its own
 * separator (`3296 6563 0580 3633 6497` is redacted whole: which 16 of its digits are the card
 * cannot be told, and a security code may follow). A stretch that groups joined by its own
 * separator would continue on either side, other than another card, is part of a longer number
 * (a tracking number, an IBAN) and no card.
 */
function findPaymentCards(text: string): Span[] {
  const spans: Span[] = [];
  for (const { groups, separators } of digitRuns(text, ' -', false)) {
    /** The last group of the card that starts at `from` (after a card, when `afterCard`), if one does. */
    const cardAt: StretchAt = remembered((from, afterCard) => {
      let digits = '';
      const ends: [number, string][] = [];
      for (let to = from; to < groups.length && digits.length + groups[to].digits.length <= 19; to++) {
        digits += groups[to].digits;
        ends.push([to, digits]);
      }
      for (const [to, d] of ends.reverse()) {
        if (d.length < 13 || !luhn(d)) continue;
        const own = to > from ? separators[from] : separators[from - 1] ?? separators[to];
        if (separators.slice(from, to).some((sep) => sep !== own)) continue;
        if (separators[from - 1]?.includes('-') || separators[to]?.includes('-') || text[groups[from].start - 1] === '+') continue;
        if (!afterCard && to > from && separators[from - 1] === own && groups[from - 1].digits.length >= CARD_GROUP_MAX_DIGITS) continue;
        let last = to;
        const next = last + 1;
        if (to > from && separators[last] === own && groups[next].digits.length <= CARD_GROUP_MAX_DIGITS
          && (next === groups.length - 1 || (separators[next] !== own && !separators[next].includes('-'))) && cardAt(next, true) === undefined) {
          last = next;
        }
        // Another short group joined as the card's own are: the digits go on (a tracking
        // number, an IBAN). A long one is a number of its own, a ZIP code say.
        if (to > from && separators[last] === own && groups[last + 1].digits.length <= CARD_GROUP_MAX_DIGITS
          && cardAt(last + 1, true) === undefined) continue;
        if (standsAlone(text, groups[from].start, groups[last].end)) return last;
      }
      return undefined;
    });
    for (const [from, last] of stretchesOf(groups.length, cardAt)) spans.push([groups[from].start, groups[last].end]);
  }
  return spans;
}

/**
 * Shapes of digits that are not phone numbers: what starts with a date, grouped thousands, ZIP+4
 * codes, US social security numbers, hyphenated ISBNs, and the layouts of card numbers.
 */
const NOT_PHONE = [
  /^\(?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)/,
  /^\(?\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)/,
  /^\d{1,3}( \d{3})+$/,
  /^\d{5}-\d{4}$/,
  /(^|[ (])\d{3}-\d{2}-\d{4}\)?$/,
  /^(97[89]-)?\d{1,5}-\d{1,7}-\d{1,7}-\d$/,
  /^\(?\d{4}([ -])\d{4}\1\d{4}/,
  /^\(?\d{4}([ -])\d{6}\1\d{5}\)?$/,
];
/** Dots stand between the groups of a phone number only as in 555.123.4567 (decimals, IP addresses and dates use them too). */
const DOTTED_PHONE = /^(\+\d{1,3} )?\(?\d{2,4}\)?\.\d{3,4}\.\d{4}$/;
/** A slash stands only after an area code with its trunk 0, as in 030/12345678 (fractions and dates use it too). */
const SLASHED_PHONE = /^\(?0\d{1,5}\)?\/\d[\d -]*$/;

/**
 * Which groups of the run stand in four or more joined by plain spaces, with more digits than
 * a phone number holds: a tracking number, an IBAN, a card number. No phone number is taken
 * from them.
 */
function digitSoup({ groups, separators }: DigitRun): boolean[] {
  const soup = new Array<boolean>(groups.length).fill(false);
  for (let first = 0; first < groups.length;) {
    let last = first;
    let digits = groups[first].digits.length;
    while (last + 1 < groups.length && separators[last] === ' ') digits += groups[++last].digits.length;
    if (last - first + 1 >= 4 && digits > 15) soup.fill(true, first, last + 1);
    first = last + 1;
  }
  return soup;
}

/**
 * Whether the digits are part of an identifier: `#` just before them, or a `-`, `/` or `.`
 * between them and a letter or digit (`INV-2021-05349`, `v2.3.14`). A number that begins with
 * `+` begins there, whatever stands before it: the same whether what stood before is a digit
 * or a redaction of one, so redacting never reveals a number that was not found.
 */
function joinedToWord(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  if (before === '#') return true;
  if (text[start] !== '+' && (before === '-' || before === '/' || before === '.') && continues(charBefore(text, start - 1))) return true;
  const after = text[end];
  return (after === '-' || after === '/') && continues(charAt(text, end + 1));
}

/**
 * Where the stretch of groups `from`-`to` stands in the text: with the parenthesis opened just
 * before its first group when that group is an area code closed by `)` ("(555) 123-4567"), and
 * without one that wraps the whole number ("(457.350.3251)").
 */
function phoneSpan(text: string, run: DigitRun, from: number, to: number): Span {
  const closesAreaCode = (run.separators[from] ?? '').startsWith(')') && from < to;
  let start = run.groups[from].start;
  if (text[start] === '(' && !closesAreaCode) start++;
  if (from > 0 && run.separators[from - 1].endsWith('(') && closesAreaCode) start--;
  return [start, run.groups[to].end];
}

/** Whether a plain space joins two groups: one number may go on across it, unless what follows is a number of its own. */
const plainSpace = (sep: string | undefined) => sep === ' ';

/**
 * Phone numbers: in each run, the leftmost-longest stretches of whole groups of 7-15 digits
 * whose shape is a phone number's, each starting and ending where a space separates it from
 * the rest of the run (or at the run's ends): "room 284. 555-1234" holds one, "$59.09.
 * 334.945.3303" one, "2024-07-12 (555) 123-4567" one, "555-123-4567 555-987-6543" two. Where a
 * plain space joins the stretch to a group of four digits or more that no phone number takes,
 * the digits go on, and the stretch is none. The scan from each start looks at 15 digits at
 * most, so a run of thousands of groups costs one pass.
 */
function findPhones(text: string): Span[] {
  const spans: Span[] = [];
  for (const run of digitRuns(text, ' -.()/', true)) {
    const { groups, separators } = run;
    const soup = digitSoup(run);
    const boundary = (index: number) => index < 0 || index >= separators.length || separators[index].includes(' ');
    const phoneAt: StretchAt = remembered((from, afterPhone) => {
      if (!boundary(from - 1)) return undefined;
      if (!afterPhone && plainSpace(separators[from - 1]) && groups[from - 1].digits.length >= 4) return undefined;
      let digits = 0;
      const ends: number[] = [];
      for (let to = from; to < groups.length && !soup[to] && digits + groups[to].digits.length <= 15; to++) {
        digits += groups[to].digits.length;
        if (digits >= 7 && boundary(to)) ends.push(to);
      }
      for (const to of ends.reverse()) {
        if (plainSpace(separators[to]) && groups[to + 1].digits.length >= 4 && phoneAt(to + 1, true) === undefined) continue;
        const [start, end] = phoneSpan(text, run, from, to);
        const shape = text.slice(start, end);
        // A leading '+' already separates the number from a digit before it.
        const before = text[start] === '+' && isDigit(charBefore(text, start)) ? undefined : charBefore(text, start);
        if (!continues(before) && !continues(charAt(text, end)) && !joinedToWord(text, start, end) && !NOT_PHONE.some((re) => re.test(shape))
          && (!shape.includes('.') || DOTTED_PHONE.test(shape)) && (!shape.includes('/') || SLASHED_PHONE.test(shape))
          && (from < to || shape.startsWith('+') || (shape.length >= 10 && shape.length <= 11))) {
          return to;
        }
      }
      return undefined;
    });
    for (const [from, to] of stretchesOf(groups.length, phoneAt)) spans.push(phoneSpan(text, run, from, to));
  }
  return spans;
}

function findUsSsns(text: string): Span[] {
  const spans: Span[] = [];
  for (let i = text.indexOf('-'); i !== -1; i = text.indexOf('-', i + 1)) {
    const start = i - 3;
    if (start < 0 || text[i + 3] !== '-') continue;
    const m = /^(\d{3})-(\d{2})-(\d{4})$/.exec(text.slice(start, start + 11));
    if (!m || !standsAlone(text, start, start + 11)) continue;
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
