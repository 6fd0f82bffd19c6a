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

/**
 * Patterns that no literal starts: what a moderation policy written as patterns looks
 * like. Each is also run through native RegExp, for comparison.
 */
export const NO_LITERAL_START_PATTERNS = [
  { name: 'email-like', pattern: '[\\w.+-]+@[\\w-]+\\.[\\w.-]+', ignoreCase: false },
  { name: 'phone-like', pattern: '\\+?\\d[\\d ().-]{7,}\\d', ignoreCase: false },
  { name: 'URL', pattern: 'https?://[^\\s/$.?#][^\\s]*', ignoreCase: true },
  { name: 'password:', pattern: '\\bpassword:\\s*\\S+', ignoreCase: true },
  { name: 'word list', pattern: '\\b(?:scam|fraud|phishing|malware|exploit)\\b', ignoreCase: true },
];

export const NO_LITERAL_START_POLICIES = {
  moderation: ModerationPolicy.of({
    deny: [],
    redact: NO_LITERAL_START_PATTERNS.map((p) => Redaction.pattern(p.pattern, { ignoreCase: p.ignoreCase })),
  }),
};

/** 4 KB of chat with what such patterns look for: mentions, an address, a phone number, a link, numbers. */
export function chatEvent(i: number): any {
  const lines = [
    `@bob can you call me at +1 (555) 010-${String(1000 + (i % 9000)).slice(-4)} after the standup?`,
    'The build number is 20261124.3 and the ticket is OPS-4821; see https://example.com/runbooks/deploy?step=3 for the steps.',
    'Mail the summary to release-notes@example.com when the checks pass, and copy @ann.',
    'Numbers from the load test: 1,204 requests per second at 38 ms p50 and 112 ms p99, 0.02% errors.',
    ...PROSE,
  ];
  let content = '';
  for (let s = i; content.length < 4096; s++) content += `${lines[s % lines.length]} `;
  return { ...benchEvent(i), ChannelMessage: { ...benchEvent(i).ChannelMessage, Content: content.slice(0, 4096) } };
}
