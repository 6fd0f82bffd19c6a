/**
 * npm run corpus:pii: writes test/support/pii-corpus.json, the labelled chat messages on which
 * the built-in detectors' precision and recall are measured (test/core/detector-figures.test.ts
 * holds the README's figures to them). Generated from a fixed seed, so the file is the same on
 * every run: personal data in the formats people type (emails, phone numbers of the US, UK,
 * Germany, India, Brazil and Japan and in E.164, payment cards, US social security numbers),
 * in prose with and without spaces between words, beside numbers that are none of them (dates,
 * times, prices, order and invoice numbers, IP addresses, ISBNs, tracking numbers, ZIP+4 codes).
 */
import * as fs from 'fs';
import * as path from 'path';

export type EntityType = 'email' | 'phone' | 'paymentCard' | 'usSsn';

export interface LabelledMessage {
  readonly text: string;
  /** Every piece of personal data in the text, `[start, end)` in UTF-16 code units. */
  readonly entities: readonly { readonly type: EntityType; readonly start: number; readonly end: number }[];
}

/**
 * mulberry32: a small seeded generator written out here, so the corpus stays the same on every
 * machine and whatever version of a testing library is installed (its bit operations are the
 * algorithm's).
 */
/* eslint-disable no-bitwise */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /* eslint-enable no-bitwise */
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  const digits = (count: number, first = '0123456789') => pick([...first]) + Array.from({ length: count - 1 }, () => String(int(0, 9))).join('');
  return { next, int, pick, digits };
}

type Random = ReturnType<typeof generator>;

function luhnComplete(partial: string): string {
  for (let check = 0; check <= 9; check++) {
    const candidate = partial + check;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable: one check digit always completes a Luhn number');
}

const FIRST = ['ann', 'bob', 'kai', 'maria', 'li', 'josé', 'zoë', 'sam', 'priya', 'jürgen', 'yuki', 'omar'];
const LAST = ['smith', "o'kowalski", 'nguyen', 'müller', 'garcia', 'tanaka', 'singh', "d'angelo", 'silva', 'chen'];
const DOMAINS = ['example.com', 'mail.example.org', 'example.co.uk', 'münchen.de', 'corp-mail.example.net', 'example.com.br', 'example.jp'];

const ENTITIES: Record<EntityType, (r: Random) => string> = {
  email: (r) => {
    const local = r.pick([
      () => `${r.pick(FIRST)}.${r.pick(LAST)}`,
      () => `${r.pick(FIRST)}_${r.pick(LAST)}${r.int(1, 99)}`,
      () => `${r.pick(FIRST)}+${r.pick(['news', 'shop', 'x'])}`,
      () => `${r.pick(FIRST)}${r.int(1970, 2005)}`,
      // Mathematical letters: a known way around filters.
      () => `${r.pick(FIRST)}\u{1D41A}`,
      () => `${r.pick(FIRST).toUpperCase()}.${r.pick(LAST)}`,
    ])();
    return `${local}@${r.pick([...DOMAINS, 'sub.example.museum', 'EXAMPLE.COM'])}`;
  },
  phone: (r) => r.pick([
    () => `(${r.digits(3, '23456789')}) ${r.digits(3, '23456789')}-${r.digits(4)}`,
    () => `${r.digits(3, '23456789')}-${r.digits(3, '23456789')}-${r.digits(4)}`,
    () => `${r.digits(3, '23456789')}.${r.digits(3, '23456789')}.${r.digits(4)}`,
    () => `+1 ${r.digits(3, '23456789')} ${r.digits(3, '23456789')} ${r.digits(4)}`,
    () => `+1-${r.digits(3, '23456789')}-${r.digits(3, '23456789')}-${r.digits(4)}`,
    () => `020 ${r.digits(4)} ${r.digits(4)}`,
    () => `+44 20 ${r.digits(4)} ${r.digits(4)}`,
    () => `07${r.digits(3)} ${r.digits(6)}`,
    () => `030 ${r.digits(8)}`,
    () => `030/${r.digits(8)}`,
    () => `+49 30 ${r.digits(8)}`,
    () => `0151 ${r.digits(8)}`,
    () => `+91 ${r.digits(5, '6789')} ${r.digits(5)}`,
    () => `${r.digits(5, '6789')} ${r.digits(5)}`,
    () => `(11) 9${r.digits(4)}-${r.digits(4)}`,
    () => `+55 11 9${r.digits(4)}-${r.digits(4)}`,
    () => `03-${r.digits(4)}-${r.digits(4)}`,
    () => `090-${r.digits(4)}-${r.digits(4)}`,
    () => `+81 3-${r.digits(4)}-${r.digits(4)}`,
    () => `+1${r.digits(3, '23456789')}${r.digits(7)}`,
    () => `${r.digits(3, '23456789')} ${r.digits(3, '23456789')} ${r.digits(4)}`,
    () => `1-800-${r.digits(3, '23456789')}-${r.digits(4)}`,
    () => `0${r.int(1, 9)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`,
    () => `+33 ${r.int(1, 9)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`,
    () => `04${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`,
    () => `(02) ${r.digits(4)} ${r.digits(4)}`,
    () => `${r.digits(3, '23456789')}${r.digits(3)}${r.digits(4)}`,
  ])(),
  paymentCard: (r) => {
    const number = r.pick([() => luhnComplete(`4${r.digits(14)}`), () => luhnComplete(`5${r.digits(14, '12345')}`), () => luhnComplete(`37${r.digits(12)}`)])();
    if (number.length === 15) return r.pick([number, `${number.slice(0, 4)} ${number.slice(4, 10)} ${number.slice(10)}`, `${number.slice(0, 4)}-${number.slice(4, 10)}-${number.slice(10)}`]);
    const sep = r.pick(['', ' ', '-']);
    return number.match(/\d{4}/g)!.join(sep);
  },
  usSsn: (r) => `${String(r.int(1, 665)).padStart(3, '0')}-${String(r.int(1, 99)).padStart(2, '0')}-${String(r.int(1, 9999)).padStart(4, '0')}`,
};

/** Numbers and words that are no personal data, as they stand in chat. */
const DISTRACTORS: ((r: Random) => string)[] = [
  (r) => `${r.int(2020, 2027)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
  (r) => `${String(r.int(1, 28)).padStart(2, '0')}/${String(r.int(1, 12)).padStart(2, '0')}/${r.int(2020, 2027)}`,
  (r) => `${String(r.int(1, 28)).padStart(2, '0')}.${String(r.int(1, 12)).padStart(2, '0')}.${r.int(2020, 2027)}`,
  (r) => `${r.int(0, 23)}:${String(r.int(0, 59)).padStart(2, '0')}`,
  (r) => `$${r.int(1, 999)}.${String(r.int(0, 99)).padStart(2, '0')}`,
  (r) => `€${r.int(1, 9)}.${r.digits(3)},${r.digits(2)}`,
  (r) => `#${r.digits(r.int(6, 10), '123456789')}`,
  (r) => `order ${r.digits(r.int(6, 9), '123456789')}`,
  (r) => `INV-${r.int(2020, 2027)}-${r.digits(5)}`,
  (r) => `${r.int(10, 192)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
  () => '0-306-40615-2',
  () => '978-3-16-148410-0',
  (r) => `1Z${r.digits(3)}AA1${r.digits(10)}`,
  (r) => `9400 ${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(2)}`,
  (r) => `${r.digits(5, '123456789')}-${r.digits(4)}`,
  (r) => `v${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 99)}`,
  (r) => `room ${r.int(100, 999)}`,
  (r) => `${r.int(2, 99)} ${r.pick(['items', 'people', 'days'])}`,
  (r) => `${r.int(1, 99)} ${r.digits(3)} users`,
  (r) => `${r.int(1, 9)} ${r.digits(3)} ${r.digits(3)}`,
  () => 'ISBN 978-0-306-40615-7',
  (r) => `${r.int(1, 12)}.${String(r.int(0, 59)).padStart(2, '0')}`,
  (r) => `${r.int(1, 9)}.${r.int(1, 9)} kg`,
  (r) => `${Array.from({ length: 5 }, () => String(r.int(1, 49)).padStart(2, '0')).join(' ')}`,
  (r) => `${r.int(10, 89)}.${r.digits(4)}, ${r.int(10, 179)}.${r.digits(4)}`,
  (r) => `ticket ${r.int(2020, 2027)} ${r.digits(4)} ${r.digits(4)}`,
  (r) => `page ${r.int(1, 99)} of ${r.int(100, 999)}`,
  (r) => `${r.int(1, 9)}x${r.int(1, 9)}`,
];

const LATIN_BEFORE = ['call me at ', 'my number is ', 'reach me on ', 'write to ', 'it is ', 'use ', '', 'The total was $59.09. ', 'room 284. ', 'on 2024-07-12 (', 'ok: ', 'mailto:', '<', 'tel: ', 'at 10:30 '];
const LATIN_AFTER = [' tomorrow', '.', ' thanks!', ' is my cell', '', ')', ' if urgent', ' ok?', '>', ' x123', ' (work)', '; '];
const UNSPACED = [['我的电话是', '请打给我'], ['请发邮件到', '谢谢'], ['電話番号は', 'です'], ['メールは', 'まで']];
const CHAT = ['see you at the standup', 'the release is ready', 'lunch?', 'thanks for the review', 'I pushed the fix', 'meeting moved', 'how was the trip'];

export function generateCorpus(count: number, seed = 20261205): LabelledMessage[] {
  const r = generator(seed);
  const messages: LabelledMessage[] = [];
  for (let m = 0; m < count; m++) {
    let text = '';
    const entities: { type: EntityType; start: number; end: number }[] = [];
    const pieces = r.int(1, 3);
    for (let p = 0; p < pieces; p++) {
      if (text) text += r.pick([' ', '. ', ', ', ' and ']);
      const roll = r.next();
      if (roll < 0.45) {
        const type = r.pick(['email', 'phone', 'phone', 'paymentCard', 'usSsn'] as const);
        const value = ENTITIES[type](r);
        const [before, after] = r.next() < 0.15 ? r.pick(UNSPACED) : [r.pick(LATIN_BEFORE), r.pick(LATIN_AFTER)];
        // Wrapped in parentheses only where the text before opened one.
        const closing = before.endsWith('(') ? ')' : after === ')' ? '' : after;
        text += before;
        entities.push({ type, start: text.length, end: text.length + value.length });
        text += value + closing;
      } else if (roll < 0.85) {
        text += `${r.pick(['ref ', 'on ', 'at ', 'total ', 'shipped ', 'see ', ''])}${r.pick(DISTRACTORS)(r)}${r.pick(['', '.', ' ok', ' for the team'])}`;
      } else {
        text += r.pick(CHAT);
      }
    }
    messages.push({ text, entities });
  }
  return messages;
}

export const CORPUS_FILE = path.join(__dirname, '..', 'test', 'support', 'pii-corpus.json');
export const CORPUS_SIZE = 3000;

if (require.main === module) {
  const corpus = generateCorpus(CORPUS_SIZE);
  fs.writeFileSync(CORPUS_FILE, `${JSON.stringify(corpus, null, 0).replace(/\},\{"text"/g, '},\n{"text"')}\n`);
  const counts = corpus.flatMap((m) => m.entities).reduce<Record<string, number>>((n, e) => ({ ...n, [e.type]: (n[e.type] ?? 0) + 1 }), {});
  console.log(`wrote ${corpus.length} messages to ${path.relative(process.cwd(), CORPUS_FILE)}: ${JSON.stringify(counts)}`);
}
