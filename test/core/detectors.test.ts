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
    expect(found('paymentCard', 'card 4111 1111 1111 1111 123')).toEqual(['4111 1111 1111 1111']);
    expect(found('paymentCard', 'card 4111-1111-1111-1111 12/25')).toEqual(['4111-1111-1111-1111']);
    expect(found('phone', '555-123-4567 555-987-6543')).toEqual(['555-123-4567', '555-987-6543']);
    expect(found('phone', '2024-01-15, 15.01.2024, 3.14159265, 192.168.100.200, 1 234 567, 2024-01-15 10')).toEqual([]);
    expect(found('email', 'ann@münchen.de, josé@example.com, ann@example.com_x')).toEqual(['ann@münchen.de', 'josé@example.com']);
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
      ...DETECTORS.phone(text).map((span) => ({ span, replacement: '[phone]', order: 0 }))];
    expect(applyRedactions(text, spans)).toBe('ssn [phone] ok');
    expect(applyRedactions('abcdef', [{ span: [1, 3], replacement: 'X', order: 1 }, { span: [2, 5], replacement: 'Y', order: 0 }])).toBe('aYf');
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
