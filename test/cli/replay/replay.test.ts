import { classify, QueueMessage, replayFailures, ReplayPorts } from '../../../cli/replay/replay';
import { eventAt, FUNCTION_ARN, record } from '../../support/failure-records';
import { sampleEvent } from '../../support/fixtures';

const NOW = Date.parse('2026-11-24T10:00:00.000Z');

const serviceFailure = JSON.stringify({
  'source': 'aws.chime',
  'detail-type': 'Chime ChannelFlow Processing Status',
  'detail': { eventType: 'ProcessorInvocationFailure', messageId: 'm-1', failureReason: 'Lambda throttled' },
});

function ports(messages: QueueMessage[], failing: Set<string> = new Set()) {
  const queue = [...messages];
  const calls = { invoked: [] as [string, any][], removed: [] as string[], lines: [] as string[] };
  const p: ReplayPorts = {
    receive: async (max) => queue.splice(0, max),
    invoke: async (arn, event) => {
      calls.invoked.push([arn, event]);
      return failing.has((event as any).CallbackId) ? { functionError: 'Unhandled' } : {};
    },
    remove: async (handle) => { calls.removed.push(handle); },
    now: () => NOW,
    log: (line) => calls.lines.push(line),
  };
  return { p, calls };
}

describe('replaying the failure queue', () => {
  test('invokes the processor with each pending event and removes what was answered', async () => {
    const fresh = eventAt('2026-11-24T08:00:00.000Z');
    const broken = { ...eventAt('1763971200000'), CallbackId: 'b'.repeat(32) };
    broken.ChannelMessage.CreatedTimestamp = String(NOW - 3600_000);
    broken.ChannelMessage.LastEditedTimestamp = String(NOW - 3600_000);
    const { p, calls } = ports([
      { body: record(fresh), receiptHandle: 'h1' },
      { body: record(broken), receiptHandle: 'h2' },
      { body: record(eventAt('2026-11-20T08:00:00.000Z')), receiptHandle: 'h3' },
      { body: serviceFailure, receiptHandle: 'h4' },
      { body: 'not json', receiptHandle: 'h5' },
    ], new Set([broken.CallbackId]));
    const summary = await replayFailures(p, { max: 100, dryRun: false });
    expect(summary).toEqual({ replayed: 1, failed: 1, expired: 1, skipped: 2 });
    expect(calls.invoked.map(([arn, e]) => [arn, e.CallbackId])).toEqual([[`${FUNCTION_ARN}:$LATEST`, fresh.CallbackId], [`${FUNCTION_ARN}:$LATEST`, broken.CallbackId]]);
    expect(calls.invoked[0][1]).toEqual(fresh);
    expect(calls.removed).toEqual(['h1']);
    expect(calls.lines.join('\n')).toMatch(/expired: callback .* past the 48-hour window/);
    expect(calls.lines.join('\n')).toMatch(/skip: the service could not invoke the processor for message m-1 \(Lambda throttled\)/);
    expect(calls.lines.join('\n')).not.toContain('Hello team');
  });

  test('a dry run invokes and removes nothing; --function overrides the record; --max bounds the run', async () => {
    const { p, calls } = ports(Array.from({ length: 30 }, (_, i) => ({ body: record(eventAt('2026-11-24T08:00:00.000Z')), receiptHandle: `h${i}` })));
    await replayFailures(p, { max: 100, dryRun: true });
    expect(calls.invoked).toEqual([]);
    expect(calls.lines).toHaveLength(30);
    const second = ports(Array.from({ length: 30 }, (_, i) => ({ body: record(eventAt('2026-11-24T08:00:00.000Z')), receiptHandle: `h${i}` })));
    const summary = await replayFailures(second.p, { max: 12, dryRun: false, functionArn: 'other' });
    expect(summary.replayed).toBe(12);
    expect(new Set(second.calls.invoked.map(([arn]) => arn))).toEqual(new Set(['other']));
  });

  test('reads the timestamp in any of its forms, and an edit is pending from when it was made', () => {
    const e = sampleEvent('message-basic');
    const at = (created: unknown, edited?: unknown) =>
      classify(record({ ...e, ChannelMessage: { ...e.ChannelMessage, CreatedTimestamp: created, LastEditedTimestamp: edited } }));
    expect(at('2026-11-24T08:00:00.000Z')).toMatchObject({ sentAt: Date.parse('2026-11-24T08:00:00.000Z') });
    expect(at('1763971200000')).toMatchObject({ sentAt: 1763971200000 });
    expect(at('1763971200')).toMatchObject({ sentAt: 1763971200000 });
    expect(at(1763971200)).toMatchObject({ sentAt: 1763971200000 });
    expect(at('2026-11-20T08:00:00.000Z', '2026-11-24T08:00:00.000Z')).toMatchObject({ sentAt: Date.parse('2026-11-24T08:00:00.000Z') });
    expect(at('whenever')).toMatchObject({ sentAt: undefined });
  });

  test('tells the kinds of message apart', () => {
    expect(classify(serviceFailure)).toMatchObject({ kind: 'serviceFailure', messageId: 'm-1' });
    expect(classify(record(sampleEvent('message-basic')))).toMatchObject({ kind: 'replay', callbackId: sampleEvent('message-basic').CallbackId });
    expect(classify('{"requestPayload":{"no":"callback"}}')).toEqual({ kind: 'unknown' });
  });
});
