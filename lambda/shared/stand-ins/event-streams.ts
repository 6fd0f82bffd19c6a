/**
 * Stands in for `@smithy/core/event-streams` in the bundled processor (an esbuild alias, see
 * scripts/bundle-handlers.ts). The SDK loads event-stream support lazily, by a dynamic import,
 * only for operations that stream events; ChannelFlowCallback streams none, so the code would
 * only be compiled at every cold start and never run. Should it ever be asked for, it says so.
 */
function absent(): never {
  throw new Error('event streams are not bundled with the channel flow processor: ChannelFlowCallback has none');
}

export const eventStreamSerdeProvider = absent;

export class EventStreamSerde {
  constructor() {
    absent();
  }
}
