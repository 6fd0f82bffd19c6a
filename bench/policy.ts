import {
  Condition, MessageAttributePolicy, MessageAttributeRule, ModerationPolicy, PushNotificationPolicy, PushNotificationRule,
  PushNotificationType, Redaction, SenderField,
} from '../src';

/** The benchmark's policy: fourteen rules, five of them patterns, of every kind. */
export const BENCH_POLICIES = {
  moderation: ModerationPolicy.of({
    deny: [
      Condition.contentMatches('\\b(?:forbidden|banned)\\b', { ignoreCase: true }),
      Condition.contentContainsAny(['free money', 'click here']),
    ],
    redact: [Redaction.emailAddresses(), Redaction.phoneNumbers(), Redaction.pattern('\\bpassword:\\s*\\S+', { ignoreCase: true })],
  }),
  messageAttributes: MessageAttributePolicy.of([
    MessageAttributeRule.set('source', ['web']),
    MessageAttributeRule.remove('priority'),
    MessageAttributeRule.fromMetadata('priority', 'priority'),
    MessageAttributeRule.fromSender('senderName', SenderField.NAME),
    MessageAttributeRule.fromContent('mentions', '@(\\w+)'),
    MessageAttributeRule.fromContent('tags', '#(\\w+)'),
  ]),
  pushNotification: PushNotificationPolicy.firstMatch([
    PushNotificationRule.suppress().when(Condition.isEdited()),
    PushNotificationRule.send({ title: 'Urgent: {{sender.name}}', body: '{{content}}', type: PushNotificationType.VOIP })
      .when(Condition.contentMatches('\\burgent\\b', { ignoreCase: true })),
    PushNotificationRule.send({ title: '{{sender.name}}', body: '{{content}}' }),
  ]),
};

const PROSE = [
  'The deployment went out this morning and the dashboards look steady across every region we watch.',
  'We still need to confirm the rollback plan with the on-call team before the change window on Thursday.',
  'Latency on the messaging path dropped after the cache change, although the tail is still higher than last week.',
  'Please review the notes from yesterday and add anything that the summary missed, especially the open questions.',
  'The customer asked whether attachments will be supported in the next release; we said it is on the roadmap.',
  'Budget numbers for the quarter are in the shared folder, and finance would like comments by the end of the day.',
];

/** A 4 KB message of ordinary chat prose with two mentions, a tag and an email address; nothing in it is denied. */
export function benchEvent(i: number): any {
  let content = 'Hi @bob and @ann, a quick update on #release (questions to ops@example.com). ';
  for (let s = 0; content.length < 4096; s++) content += `${PROSE[s % PROSE.length]} `;
  content = content.slice(0, 4096);
  return {
    EventType: 'CHANNEL_MESSAGE_EVENT',
    CallbackId: `${i.toString(16).padStart(8, '0')}1f6e0b7d2c9a4e13b8d5a7c0e2f4b6d8`.slice(0, 40),
    ChannelMessage: {
      MessageId: `msg-${i}`,
      ChannelArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/channel/general',
      Content: content,
      Metadata: '{"priority":"high"}',
      Sender: { Arn: 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/user/alice', Name: 'Alice' },
      Persistence: 'PERSISTENT',
      Type: 'STANDARD',
      CreatedTimestamp: '2026-11-24T08:00:00.000Z',
    },
  };
}
