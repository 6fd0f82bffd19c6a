import * as fc from 'fast-check';
import { applyRedactions, DETECTORS } from '../../src/core/detectors';

const found = (name: keyof typeof DETECTORS, text: string) => DETECTORS[name](text).map(([a, b]) => text.slice(a, b));

describe('built-in detectors', () => {
  test('email addresses', () => {
    expect(found('email', 'mail bob.smith+tag@example.co.uk, or ANN@Example.com.')).toEqual(['bob.smith+tag@example.co.uk', 'ANN@Example.com']);
    expect(found('email', 'not: a@b, @example.com, user@localhost, x@y.z, a@@b.com, me@-x.com')).toEqual([]);
    expect(found('email', 'a@b.cc@d.ee')).toEqual(['a@b.cc']);
    // A lone surrogate is a character of its own, not a letter: the address after it stands alone.
    expect(found('email', 'x\uDC00bob@example.com')).toEqual(['bob@example.com']);
    expect(found('email', 'x😀bob@example.com')).toEqual(['bob@example.com']);
  });

  test('phone numbers', () => {
    expect(found('phone', 'call +1 (555) 123-4567 or 555.123.4567 or +44 20 7946 0958')).toEqual(['+1 (555) 123-4567', '555.123.4567', '+44 20 7946 0958']);
    expect(found('phone', 'order 123456, year 2026, id abc5551234567, 1234567890123456')).toEqual([]);
  });

  test('review cases: numbers side by side, trailing digits, and shapes that are not phone numbers', () => {
    expect(found('paymentCard', 'cards 4111111111111111 4111111111111111')).toEqual(['4111111111111111', '4111111111111111']);
    // A short group joined as the card's own are (a security code, or the card's true last group) goes with it.
    expect(found('paymentCard', 'card 4111 1111 1111 1111 123')).toEqual(['4111 1111 1111 1111 123']);
    expect(found('paymentCard', 'card 4111-1111-1111-1111 12/25')).toEqual(['4111-1111-1111-1111']);
    expect(found('phone', '555-123-4567 555-987-6543')).toEqual(['555-123-4567', '555-987-6543']);
    expect(found('phone', '2024-01-15, 15.01.2024, 3.14159265, 192.168.100.200, 1 234 567, 2024-01-15 10')).toEqual([]);
    expect(found('email', 'ann@münchen.de, josé@example.com, ann@example.com_x')).toEqual(['ann@münchen.de', 'josé@example.com']);
  });

  // What a detector finds, it redacts whole, deciding on code points with Unicode's categories.
  test.each([
    ['phone', 'The total was $59.09. 334.945.3303 is my cell', ['334.945.3303']],
    ['phone', 'room 284. 555-123-4567 works', ['555-123-4567']],
    ['phone', 'on 2024-07-12 (555) 123-4567 call', ['(555) 123-4567']],
    ['phone', 'Berlin: 030/12345678', ['030/12345678']],
    ['phone', 'dates 12/25 555-123-4567', ['555-123-4567']],
    ['phone', '我的电话是555-123-4567请打给我', ['555-123-4567']],
    ['phone', '555-123-4567𝐚 and 𝐚555-123-4567 and 555-123-4567a', []],
    ['phone', 'zip 94105-1234, isbn 0-306-40615-2, on 2024-01-15 10, ssn 123-45-6789', []],
    ['email', "write kai.o'kowalski@example.com now", ["kai.o'kowalski@example.com"]],
    ['email', "'bob@example.com' said", ['bob@example.com']],
    ['email', 'mail _ann@example.com or __init__@example.com', ['_ann@example.com', '__init__@example.com']],
    ['email', 'bob𝐚@example.com and ann@exa𝐦ple.com and bobé@example.com', ['bob𝐚@example.com', 'ann@exa𝐦ple.com', 'bobé@example.com']],
    ['email', '请发邮件到ann@example.com谢谢', ['ann@example.com']],
    // A letter after the domain continues it: the address is taken with it, never cut short.
    ['email', 'ann@example.com𝐚', ['ann@example.com𝐚']],
    ['paymentCard', 'order 3296 6563 0580 3633 6497 thanks', ['3296 6563 0580 3633 6497']],
    ['paymentCard', 'cards 4111111111111111 4111111111111111', ['4111111111111111', '4111111111111111']],
    ['paymentCard', 'card 4111 1111 1111 1111 94105 is the zip', ['4111 1111 1111 1111']],
    ['paymentCard', 'tracking 9400 1111 1111 1111 1111 11', []],
    ['usSsn', 'ssn 123-45-6789𝐚 or 𝐚123-45-6789', []],
    ['usSsn', '号码123-45-6789谢谢', ['123-45-6789']],
  ] as const)('%s in %j: %j', (name, text, expected) => {
    expect(found(name, text)).toEqual(expected);
  });

  test('payment card numbers pass the Luhn check', () => {
    expect(found('paymentCard', 'visa 4111 1111 1111 1111, amex 3782-822463-10005, plain 5555555555554444'))
      .toEqual(['4111 1111 1111 1111', '3782-822463-10005', '5555555555554444']);
    expect(found('paymentCard', 'bad 4111 1111 1111 1112, short 4111 1111 1111')).toEqual([]);
  });

  test('US social security numbers with valid area, group and serial', () => {
    expect(found('usSsn', 'ssn 123-45-6789; 078-05-1120')).toEqual(['123-45-6789', '078-05-1120']);
    expect(found('usSsn', '000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000 1123-45-6789 123456789')).toEqual([]);
  });

  test('overlapping finds merge, taking the replacement listed first', () => {
    const text = 'ssn 123-45-6789 ok';
    const spans = [...DETECTORS.usSsn(text).map((span) => ({ span, replacement: '[ssn]', order: 1 })),
      { span: [8, 18] as const, replacement: '[redacted]', order: 0 }];
    expect(applyRedactions(text, spans)).toBe('ssn [redacted]');
    expect(applyRedactions('abcdef', [{ span: [1, 3], replacement: 'X', order: 1 }, { span: [2, 5], replacement: 'Y', order: 0 }])).toBe('aYf');
  });

  test('a number that begins with + begins there: redacting the digits before it reveals nothing new', () => {
    // Found by the property below: the `.` between a number and `+1 ...` once joined them, until the first was redacted.
    const text = '+1 555 123 4567.+1 555 123 4567123-45-6789';
    const redacted = applyRedactions(text, DETECTORS.phone(text).map((span) => ({ span, replacement: '#', order: 0 })));
    expect(DETECTORS.phone(redacted)).toEqual([]);
    expect(redacted).not.toContain('555');
  });

  test('after redaction nothing is found again, on any text', () => {
    const piece = fc.constantFrom('a', ' ', '@', '.', '-', '1', '4111 1111 1111 1111', 'bob@example.com', '+1 555 123 4567', '123-45-6789', 'é', '😀');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), (text) => {
      for (const name of Object.keys(DETECTORS) as (keyof typeof DETECTORS)[]) {
        const redacted = applyRedactions(text, DETECTORS[name](text).map((span) => ({ span, replacement: '#', order: 0 })));
        expect(DETECTORS[name](redacted)).toEqual([]);
      }
    }), { numRuns: 500 });
  });
});
