import * as fc from 'fast-check';
import { createLogger } from '../../../lambda/processor/log';
import { createProcessor, InvalidEventError } from '../../../lambda/processor/processor';
import { compilePolicy } from '../../../src/core/compile-policy';
import { ChannelFlowCallbackRequest } from '../../../src/core/decide';
import { channelMessageEvent, hostileChannelMessageEvent, policyDocument } from '../../support/arbitraries';
import { callbackViolations } from '../../support/callback-limits';

/** Text no log line may ever contain: it is planted in every field of the message. */
const SECRET = 'S3cr3t-Message-Text';

/** Well-formed events with one field broken, and anything at all. */
const malformedEvent = fc.oneof(
  fc.anything(),
  channelMessageEvent.chain((event) => fc.constantFrom<(e: any) => any>(
    (e) => ({ ...e, CallbackId: undefined }),
  (e) => ({ ...e, CallbackId: 42 }),
  (e) => ({ ...e, CallbackId: 'short' }),
  (e) => ({ ...e, EventType: 'SOMETHING_ELSE' }),
  (e) => ({ ...e, ChannelMessage: null }),
  (e) => ({ ...e, ChannelMessage: { ...e.ChannelMessage, MessageId: undefined } }),
  (e) => ({ ...e, ChannelMessage: { ...e.ChannelMessage, ChannelArn: 'not an arn' } }),
  (e) => ({ ...e, ChannelMessage: { ...e.ChannelMessage, Type: 'CONTROL' } }),
  (e) => ({ ...e, ChannelMessage: { ...e.ChannelMessage, Content: { text: SECRET } } }),
  (e) => ({ ...e, ChannelMessage: { ...e.ChannelMessage, Sender: SECRET } }),
  ).map((breakIt) => breakIt(event))),
);

const withSecret = channelMessageEvent.map((e) => ({
  ...e,
  ChannelMessage: {
    ...e.ChannelMessage,
    Content: `${e.ChannelMessage.Content ?? ''} ${SECRET}`.slice(-4000),
    Metadata: JSON.stringify({ priority: SECRET, topic: SECRET }),
    Sender: { Arn: 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/user/u', Name: SECRET },
    MessageAttributes: { secret: { StringValues: [SECRET] } },
  },
}));

describe('the processor under random and malformed events (property-based)', () => {
  test('no exception escapes but InvalidEventError, no callback carries an invented CallbackId, and no message text reaches the logs', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(malformedEvent, withSecret, hostileChannelMessageEvent), policyDocument, async (event, document) => {
      const sent: ChannelFlowCallbackRequest[] = [];
      const lines: string[] = [];
      const handler = createProcessor({
        policy: compilePolicy(document),
        send: async (request) => { sent.push(request); },
        flowName: 'fuzz',
        logger: createLogger((line) => lines.push(line), 'DEBUG'),
        metricsSink: (line) => lines.push(line),
      });
      let error: unknown;
      await handler(event).catch((e) => { error = e; });
      if (error !== undefined) {
        expect(error).toBeInstanceOf(InvalidEventError);
        expect(sent).toEqual([]);
      } else {
        expect(sent).toHaveLength(1);
        expect(sent[0].CallbackId).toBe((event as any).CallbackId);
        expect(callbackViolations(sent[0], (event as any).ChannelMessage)).toEqual([]);
      }
      expect(lines.join('\n')).not.toContain(SECRET);
    }), { numRuns: 400 });
  });
});
