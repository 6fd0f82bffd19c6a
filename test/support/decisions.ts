import { documentOf } from './arbitraries';
import { sampleEvent } from './fixtures';
import { compilePolicy } from '../../src/core/compile-policy';
import { decide, Decision } from '../../src/core/decide';
import { PolicyDocument } from '../../src/core/document';
import { checkEvent, ChannelMessageEvent } from '../../src/core/event';

/** The event the processor sees for `raw`, which must pass its check. */
export function eventOf(raw: unknown): ChannelMessageEvent {
  const checked = checkEvent(raw);
  if (!checked.ok) throw new Error(checked.reason);
  return checked.event;
}

/** The sample message with these fields of `ChannelMessage` changed. */
export function withMessage(fields: Record<string, unknown>) {
  const event = sampleEvent('message-basic');
  return { ...event, ChannelMessage: { ...event.ChannelMessage, ...fields } };
}

/** The decision for `event` (as the service sends it) under a document of these parts, the rest empty. */
export function answer(policy: Partial<PolicyDocument> = {}, event: unknown = sampleEvent('message-basic')): Decision {
  return decide(eventOf(event), compilePolicy(documentOf(policy)));
}
