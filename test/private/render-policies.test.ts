import { Condition, MessageAttributePolicy, MessageAttributeRule, MessagePersistence, ModerationPolicy, PushNotificationPolicy, PushNotificationRule, PushNotificationType, Redaction } from '../../src';
import { parsePattern } from '../../src/core/pattern/parse';
import { APP_INSTANCE_ARN, shippedPolicy, synthFlow } from '../support/fixtures';

describe('the policy document', () => {
  test('renders every kind of rule into the one document the processor ships with', () => {
    const stack = synthFlow({
      moderation: ModerationPolicy.of({
        deny: [Condition.contentMatches('\\bforbidden\\b', { ignoreCase: true }), Condition.contentContainsAny(['spam'])],
        redact: [Redaction.emailAddresses(), Redaction.phoneNumbers({ replacement: '[tel]' }), Redaction.paymentCardNumbers(),
          Redaction.usSocialSecurityNumbers(), Redaction.pattern('secret\\w*', { ignoreCase: true })],
      }),
      messageAttributes: MessageAttributePolicy.of([
        MessageAttributeRule.fromContent('mentions', '@(\\w+)'),
        MessageAttributeRule.set('vip', ['yes']).when(Condition.senderIn([`${APP_INSTANCE_ARN}/user/ceo`])),
      ]),
      pushNotification: PushNotificationPolicy.firstMatch([
        PushNotificationRule.suppress().when(Condition.anyOf(Condition.isEdited(), Condition.persistence(MessagePersistence.NON_PERSISTENT))),
        PushNotificationRule.send({ title: 'Urgent', body: '{{content}}', type: PushNotificationType.VOIP }).when(Condition.allOf(
          Condition.metadataEquals('priority', 'high'), Condition.noneOf(Condition.attributeEquals('muted', 'yes')))),
        PushNotificationRule.send({ title: '{{sender.name}}', body: '{{content}}' }).when(Condition.isNew()),
      ]),
    }).stack;
    const document = shippedPolicy(stack);
    expect(document.onError).toBe('deny');
    expect(document.moderation.deny).toEqual([
      { type: 'contentMatches', pattern: '\\bforbidden\\b', ignoreCase: true, syntax: parsePattern('\\bforbidden\\b', true) },
      { type: 'contentContainsAny', words: ['spam'] },
    ]);
    expect(document.moderation.redact.map((r: any) => `${r.kind}:${r.replacement}`))
      .toEqual(['email:[email]', 'phone:[tel]', 'paymentCard:[card]', 'usSsn:[ssn]', 'pattern:[redacted]']);
    expect(document.messageAttributes[1].when).toEqual({ type: 'senderIn', arns: [`${APP_INSTANCE_ARN}/user/ceo`] });
    expect(document.pushNotification[0]).toEqual({
      action: 'suppress',
      when: { type: 'anyOf', conditions: [{ type: 'edited', value: true }, { type: 'persistence', value: 'NON_PERSISTENT' }] },
    });
    expect(document.pushNotification[1].when).toEqual({
      type: 'allOf',
      conditions: [
        { type: 'metadataEquals', key: 'priority', value: 'high' },
        { type: 'noneOf', conditions: [{ type: 'attributeEquals', name: 'muted', value: 'yes' }] },
      ],
    });
  });
});
