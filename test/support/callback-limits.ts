/**
 * An independent statement of what ChannelFlowCallback accepts, written from the API reference
 * (not from src/core/limits.ts), so that tests check the decision function against the facts.
 */
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** A string's length in the three units a service may count: UTF-16 code units, code points, UTF-8 bytes. */
const sizes = (s: string) => [s.length, [...s].length, utf8(s)];
/** A length in code points: the most lenient unit, for what the service accepted on arrival and may be echoed. */
const codePoints = (v: unknown, min: number, max: number) => typeof v === 'string' && [...v].length >= min && [...v].length <= max && wellFormed(v);

/**
 * What is wrong with `request` by the API's limits. Content the processor writes must be within
 * 4,096 in every unit, or within what arrived (`arrived`, the event's ChannelMessage) in that unit
 * where that was more: whichever unit the service counts, it accepted what arrived.
 */
export function callbackViolations(request: any, arrived: { Content?: unknown } = {}): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => { if (!ok) problems.push(what); };
  const str = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max && wellFormed(v);
  check(codePoints(request.CallbackId, 32, 64), 'CallbackId 32-64 code points');
  // The model's ChimeArn, a Java pattern matched whole: `.` takes no line terminator.
  check(codePoints(request.ChannelArn, 5, 1600)
    && /^arn:[a-z0-9-.]{1,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[^/][^\n\r\u0085\u2028\u2029]{0,1023}$/u.test(request.ChannelArn),
  'ChannelArn: a ChimeArn of 5-1600');
  check(request.DeleteResource === undefined || typeof request.DeleteResource === 'boolean', 'DeleteResource boolean');
  const m = request.ChannelMessage ?? {};
  check(typeof m.MessageId === 'string' && /^[-_a-zA-Z0-9]{1,128}$/.test(m.MessageId), 'MessageId');
  const before = typeof arrived.Content === 'string' ? sizes(arrived.Content) : [0, 0, 0];
  check(m.Content === undefined || (str(m.Content, 1, Infinity) && sizes(m.Content).every((size, unit) => size <= Math.max(4096, before[unit]))),
    'Content 1 char - 4 KB (or what arrived) in UTF-16 units, code points and UTF-8 bytes');
  check(m.Metadata === undefined || codePoints(m.Metadata, 0, 1024), 'Metadata 0-1024');
  if (m.PushNotification !== undefined) {
    check(str(m.PushNotification.Title, 1, 50), 'PushNotification.Title 1-50');
    check(str(m.PushNotification.Body, 1, 150), 'PushNotification.Body 1-150');
    check(['DEFAULT', 'VOIP'].includes(m.PushNotification.Type), 'PushNotification.Type');
  }
  if (m.MessageAttributes !== undefined) {
    let total = 0;
    for (const [key, value] of Object.entries<any>(m.MessageAttributes)) {
      check(codePoints(key, 1, 64), `attribute key 1-64: ${key.length}`);
      check(Array.isArray(value.StringValues) && value.StringValues.length > 0, 'attribute has values');
      for (const v of value.StringValues) check(codePoints(v, 1, 512), 'attribute value 1-512');
      total += utf8(key) + value.StringValues.reduce((sum: number, v: string) => sum + utf8(v), 0);
    }
    check(total <= 1024, `attributes total ${total} <= 1 KB`);
  }
  check(m.SubChannelId === undefined || /^[-_a-zA-Z0-9]{1,128}$/.test(m.SubChannelId), 'SubChannelId');
  check(m.ContentType === undefined || str(m.ContentType, 0, 45), 'ContentType 0-45');
  return problems;
}
