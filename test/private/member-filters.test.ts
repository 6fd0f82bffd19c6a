import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { MessageAttributePolicy, MessageAttributeRule, PushNotificationFilter } from '../../src';
import { synthFlow } from '../support/fixtures';

describe('memberFilters', () => {
  const messageAttributes = MessageAttributePolicy.of([
    MessageAttributeRule.fromContent('mentions', '@(\\w+)'),
    MessageAttributeRule.set('team', ['core']),
  ]);

  test('warns, naming the filter, where it cannot match what the flow sets', () => {
    const { stack } = synthFlow({
      messageAttributes,
      memberFilters: [
        PushNotificationFilter.attributeIn('mentions', ['bob']),
        PushNotificationFilter.allOf(PushNotificationFilter.attributeIn('team', ['ops']), PushNotificationFilter.attributeIn('channel', ['general'])),
      ],
    });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('memberFilters'));
    expect(warnings.map((w) => w.entry.data)).toEqual([
      expect.stringMatching(/^memberFilters\[1\] \{"team":\["ops"\],"channel":\["general"\]\}: it expects "team" to be "ops", which the flow never sets it to \(only "core"\), so that part of the filter never matches what the flow sets/),
      expect.stringMatching(/^memberFilters\[1\] .*: it names the attribute "channel", which no attribute rule of the flow leaves set/),
    ]);
    expect(warnings.every((w) => w.id === '/Test/Flow')).toBe(true);
  });

  test('says nothing for filters the flow can satisfy', () => {
    const { stack } = synthFlow({ messageAttributes, memberFilters: [PushNotificationFilter.attributeIn('team', ['core'])] });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('memberFilters'))).toEqual([]);
  });
});
