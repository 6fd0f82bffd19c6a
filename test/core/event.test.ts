import * as fc from 'fast-check';
import { checkEvent } from '../../src/core/event';
import { sampleEvent } from '../support/fixtures';

const basic = sampleEvent('message-basic');
const withMessage = (fields: Record<string, unknown>) => ({ ...basic, ChannelMessage: { ...basic.ChannelMessage, ...fields } });

describe('checkEvent', () => {
  test('accepts the sample events and reads their fields', () => {
    const checked = checkEvent(basic);
    expect(checked).toMatchObject({
      ok: true,
      event: {
        callbackId: basic.CallbackId,
        message: { messageId: basic.ChannelMessage.MessageId, senderName: 'Alice', persistence: 'PERSISTENT', attributes: new Map(), edited: false },
      },
    });
    expect(checkEvent(sampleEvent('message-update-nonpersistent'))).toMatchObject({
      ok: true, event: { message: { subChannelId: 'sub-7', attributes: new Map([['client', ['ios']]]) } },
    });
  });

  test('tells an edited message by its LastEditedTimestamp', () => {
    expect(checkEvent(withMessage({ LastEditedTimestamp: '2026-11-24T09:00:00.000Z' }))).toMatchObject({ ok: true, event: { message: { edited: true } } });
  });

  test.each([
    ['epoch milliseconds, equal', 1763971200000, 1763971200000, false],
    ['epoch milliseconds, later', 1763971200000, 1763971260000, true],
    ['epoch seconds and milliseconds of the same instant', 1763971200, 1763971200000, false],
    ['digits and an ISO string of the same instant', '1763971200000', '2025-11-24T08:00:00.000Z', false],
    ['epoch seconds and a later ISO string', 1763971200, '2025-11-24T08:01:00Z', true],
    ['no LastEditedTimestamp', 1763971200, undefined, false],
  ])('reads timestamps given as %s', (_, created, edited, isEdited) => {
    expect(checkEvent(withMessage({ CreatedTimestamp: created, LastEditedTimestamp: edited })))
      .toMatchObject({ ok: true, event: { message: { edited: isEdited } } });
  });

  test('refuses metadata longer than a callback can echo, saying why and not what', () => {
    const checked = checkEvent(withMessage({ Metadata: `{"k":"${'m'.repeat(1100)}"}` }));
    expect(checked).toMatchObject({ ok: false, callbackId: basic.CallbackId, reason: expect.stringMatching(/Metadata is over 1024 characters/) });
    expect(JSON.stringify(checked)).not.toContain('mmmm');
    expect(checkEvent(withMessage({ Metadata: 'm'.repeat(1024) })).ok).toBe(true);
    // 600 emoji: 1,200 UTF-16 units but 600 code points, so the service may well have accepted them.
    expect(checkEvent(withMessage({ Metadata: '😀'.repeat(600) })).ok).toBe(true);
    expect(checkEvent(withMessage({ Metadata: '😀'.repeat(1025) })).ok).toBe(false);
  });

  test.each([
    ['null', null, /not a JSON object/],
    ['a string', 'event', /not a JSON object/],
    ['an array', [basic], /not a JSON object/],
    ['another EventType', { ...basic, EventType: 'OTHER' }, /EventType/],
    ['no CallbackId', { ...basic, CallbackId: undefined }, /CallbackId/],
    ['a short CallbackId', { ...basic, CallbackId: 'abc' }, /CallbackId/],
    ['a numeric CallbackId', { ...basic, CallbackId: 12345678901234567890123456789012345 }, /CallbackId/],
    ['no ChannelMessage', { ...basic, ChannelMessage: undefined }, /ChannelMessage is not an object/],
    ['no MessageId', withMessage({ MessageId: undefined }), /MessageId/],
    ['a MessageId with spaces', withMessage({ MessageId: 'a b' }), /MessageId/],
    ['no ChannelArn', withMessage({ ChannelArn: undefined }), /ChannelArn/],
    ['a ChannelArn that is not a channel', withMessage({ ChannelArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/a' }), /ChannelArn/],
    ['a CONTROL message', withMessage({ Type: 'CONTROL' }), /Type is not STANDARD/],
    ['numeric Content', withMessage({ Content: 42 }), /Content is not a string/],
    ['a ChannelArn ending in a newline', withMessage({ ChannelArn: `${basic.ChannelMessage.ChannelArn}\n` }), /ChannelArn/],
    ['a ChannelArn whose channel id takes it past the model\'s 1,024 code points after the fifth colon',
      withMessage({ ChannelArn: `${basic.ChannelMessage.ChannelArn.replace(/[^/]+$/, '')}${'c'.repeat(1500)}` }), /ChannelArn/],
    ['a CallbackId of 16 emoji (32 UTF-16 units, 16 code points)', { ...basic, CallbackId: '😀'.repeat(16) }, /CallbackId/],
    ['a CallbackId of 65 code points', { ...basic, CallbackId: 'c'.repeat(65) }, /CallbackId/],
    ['numeric Metadata', withMessage({ Metadata: 7 }), /Metadata is not a string/],
  ])('refuses %s, naming the field and never echoing a value', (_, input, reason) => {
    const checked = checkEvent(input);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toMatch(reason);
    expect(JSON.stringify(checked)).not.toContain('Hello team');
  });

  test('accepts a CallbackId of 64 emoji: 64 code points, as the model counts', () => {
    expect(checkEvent({ ...basic, CallbackId: '😀'.repeat(64) }).ok).toBe(true);
  });

  test.each([
    ['a null Type', { Type: null }],
    ['an array Sender', { Sender: ['x'] }],
    ['a numeric sender name and ARN', { Sender: { Name: 1, Arn: { x: 1 } } }],
    ['an object timestamp', { LastEditedTimestamp: { at: 1 } }],
    ['a boolean CreatedTimestamp', { CreatedTimestamp: true }],
    ['a numeric Persistence', { Persistence: 3 }],
  ])('takes %s, which only feeds conditions, as absent', (_, fields) => {
    const checked = checkEvent(withMessage(fields));
    expect(checked.ok).toBe(true);
    const message = checked.ok ? checked.event.message : undefined;
    for (const [field, value] of Object.entries(fields)) {
      if (field === 'Sender') expect([message?.senderName, message?.senderArn]).toEqual([undefined, undefined]);
      if (field === 'Persistence') expect(message?.persistence).toBeUndefined();
      if (field.endsWith('Timestamp')) expect(message?.edited).toBe(false);
      expect(value).not.toBe('STANDARD');
    }
  });

  test('keeps the CallbackId of a refused event only when it is valid, so none is ever invented', () => {
    expect(checkEvent(withMessage({ Type: 'CONTROL' }))).toMatchObject({ ok: false, callbackId: basic.CallbackId });
    expect(checkEvent({ ...basic, CallbackId: 'short' })).toMatchObject({ ok: false, callbackId: undefined });
  });

  test('leaves out attributes of the wrong shape', () => {
    const checked = checkEvent(withMessage({ MessageAttributes: { ok: { StringValues: ['a'] }, bad: { StringValues: [1] }, worse: 'x' } }));
    expect(checked.ok && [...checked.event.message.attributes]).toEqual([['ok', ['a']]]);
  });

  test('never throws, whatever arrives', () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.record({ EventType: fc.constant('CHANNEL_MESSAGE_EVENT'), CallbackId: fc.anything(), ChannelMessage: fc.anything() })), (input) => {
      expect(() => checkEvent(input)).not.toThrow();
    }), { numRuns: 1000 });
  });
});
