import { App, Stack } from 'aws-cdk-lib';
import { ChannelFlow, ChannelFlowProps, Condition, MessageAttributePolicy, MessageAttributeRule, ModerationPolicy, PushNotificationPolicy, PushNotificationRule, Redaction } from '../../src';
import { APP_INSTANCE_ARN, synthFlow } from '../support/fixtures';

describe('a policy the processor could not apply fails synth, naming the prop and the rule', () => {
  test.each([
    [{ moderation: ModerationPolicy.of({ redact: [Redaction.pattern('x*')] }) }, /moderation.redact\[0\]: the pattern "x\*" can match no text/],
    [{ moderation: ModerationPolicy.of({ redact: [Redaction.emailAddresses({ replacement: '' })] }) }, /moderation.redact\[0\]: the replacement must be 1-100 characters, got 0/],
    [{ moderation: ModerationPolicy.of({ deny: [Condition.contentContainsAny([])] }) }, /moderation.deny\[0\]: contentContainsAny needs at least one word/],
    [{ moderation: ModerationPolicy.of({ deny: [Condition.anyOf()] }) }, /moderation.deny\[0\]: anyOf needs at least one condition/],
    [{ messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.fromContent('m', '(x)?')]) }],
    [{ messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.set('a', ['b']).when(Condition.metadataEquals('', 'x'))]) },
      /messageAttributes\[0\] \(set "a"\).when: metadataEquals needs a non-empty key/],
    [{ pushNotification: PushNotificationPolicy.firstMatch([PushNotificationRule.suppress().when(Condition.noneOf(Condition.senderIn([])))]) },
      /pushNotification\[0\].when.noneOf\[0\]: senderIn needs at least one sender ARN/],
    [{ pushNotification: PushNotificationPolicy.firstMatch([PushNotificationRule.send({ title: '{{metadata}}', body: 'b' })]) },
      /pushNotification\[0\]: the title has an unknown placeholder \{\{metadata\}\}/],
  ])('bad policies fail synth naming the prop and rule: %#', (props, error = /messageAttributes\[0\] \(fromContent "m"\): the pattern "\(x\)\?" can match no text/) => {
    expect(() => synthFlow(props as Partial<ChannelFlowProps>).stack).toThrow(error);
  });

  test('conditions nested too deep are refused', () => {
    let deep = Condition.isNew();
    for (let i = 0; i < 20; i++) deep = Condition.noneOf(deep);
    expect(() => synthFlow({ moderation: ModerationPolicy.of({ deny: [deep] }) }).stack).toThrow(/conditions nest more than 16 deep/);
  });

  test('a token inside a policy is refused: the document must be known at synth', () => {
    const stack = new Stack(new App(), 'Test');
    expect(() => new ChannelFlow(stack, 'Flow', {
      appInstanceArn: APP_INSTANCE_ARN,
      messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.set('region', [stack.region])]),
    })).toThrow(/policies must be plain strings known at synth time/);
  });
});
