import { Template } from 'aws-cdk-lib/assertions';
import { Condition, MessageAttributePolicy, MessageAttributeRule, PushNotificationPolicy, PushNotificationType, SenderField } from '../../src';
import { shippedPolicy, synthFlow } from '../support/fixtures';

describe('the processor code asset', () => {
  test('ships the rendered policy document with its code', () => {
    const { stack } = synthFlow({
      messageAttributes: MessageAttributePolicy.of([
        MessageAttributeRule.set('source', ['web', 'ios']),
        MessageAttributeRule.fromMetadata('priority', 'priority'),
        MessageAttributeRule.fromSender('senderName', SenderField.NAME),
        MessageAttributeRule.remove('client'),
      ]),
      pushNotification: PushNotificationPolicy.of({ title: '{{sender.name}}', body: '{{content}}', type: PushNotificationType.VOIP }),
    });
    expect(shippedPolicy(stack)).toEqual({
      version: 2,
      moderation: { deny: [], redact: [] },
      onError: 'deliver',
      messageAttributes: [
        { op: 'set', name: 'source', values: ['web', 'ios'] },
        { op: 'fromMetadata', name: 'priority', key: 'priority' },
        { op: 'fromSender', name: 'senderName', field: 'name' },
        { op: 'remove', name: 'client' },
      ],
      pushNotification: [{ action: 'send', title: '{{sender.name}}', body: '{{content}}', type: 'VOIP' }],
    });
  });

  test('ships an empty policy when none is given, and the push type defaults to DEFAULT', () => {
    expect(shippedPolicy(synthFlow().stack)).toEqual({ version: 2, moderation: { deny: [], redact: [] }, messageAttributes: [], pushNotification: [], onError: 'deliver' });
    const { stack } = synthFlow({ pushNotification: PushNotificationPolicy.of({ title: 'New message', body: '{{content}}' }) });
    expect(shippedPolicy(stack).pushNotification).toEqual([{ action: 'send', title: 'New message', body: '{{content}}', type: 'DEFAULT' }]);
  });

  test('a policy far larger than Lambda\'s 4 KB of environment reaches the function whole', () => {
    const rules = Array.from({ length: 300 }, (_, i) => MessageAttributeRule.set(`a${i}`, ['v']).when(Condition.contentContainsAny([`word${i}`])));
    const stack = synthFlow({ messageAttributes: MessageAttributePolicy.of(rules) }).stack;
    const document = shippedPolicy(stack);
    expect(JSON.stringify(document).length).toBeGreaterThan(20_000);
    expect(document.messageAttributes).toHaveLength(300);
    const fn = Object.values<any>(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0];
    expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain('word1');
  });
});
