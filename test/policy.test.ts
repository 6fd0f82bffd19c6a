import { App, Errors, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  ChannelFlow, ChannelFlowProps, Condition, FallbackAction, MessageAttributePolicy, MessageAttributeRule, MessagePersistence,
  ModerationPolicy, PolicySimulator, PushNotificationPolicy, PushNotificationRule, PushNotificationType, Redaction, SenderField,
} from '../src';
import { APP_INSTANCE_ARN, sampleEvent, shippedPolicy } from './support/fixtures';
import { parsePattern } from '../src/core/pattern/parse';

function synth(props: Partial<ChannelFlowProps>) {
  const stack = new Stack(new App(), 'Test');
  new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, ...props });
  return stack;
}

const event = (fields: Record<string, unknown> = {}) => {
  const e = sampleEvent('message-basic');
  return { ...e, ChannelMessage: { ...e.ChannelMessage, ...fields } };
};

describe('the typed policy language', () => {
  test('renders every kind of rule into the one document the processor ships with', () => {
    const stack = synth({
      moderation: ModerationPolicy.of({
        deny: [Condition.contentMatches('\\bforbidden\\b', { ignoreCase: true }), Condition.contentContainsAny(['spam'])],
        redact: [Redaction.emailAddresses(), Redaction.phoneNumbers({ replacement: '[tel]' }), Redaction.paymentCardNumbers(),
          Redaction.usSocialSecurityNumbers(), Redaction.pattern('secret\\w*', { ignoreCase: true })],
      }),
      messageAttributes: MessageAttributePolicy.of([
        MessageAttributeRule.fromContent('mentions', '@(\\w+)'),
        MessageAttributeRule.set('vip', ['yes']).when(Condition.senderIn(['arn:aws:chime:us-east-1:111122223333:app-instance/a/user/ceo'])),
      ]),
      pushNotification: PushNotificationPolicy.firstMatch([
        PushNotificationRule.suppress().when(Condition.or(Condition.isEdited(), Condition.persistence(MessagePersistence.NON_PERSISTENT))),
        PushNotificationRule.send({ title: 'Urgent', body: '{{content}}', type: PushNotificationType.VOIP }).when(Condition.and(
          Condition.metadataEquals('priority', 'high'), Condition.not(Condition.attributeEquals('muted', 'yes')))),
        PushNotificationRule.send({ title: '{{sender.name}}', body: '{{content}}' }).when(Condition.isNew()),
      ]),
    });
    const document = shippedPolicy(stack);
    expect(document.onError).toBe('deny');
    expect(document.moderation.deny).toEqual([
      { type: 'contentMatches', pattern: '\\bforbidden\\b', ignoreCase: true, syntax: parsePattern('\\bforbidden\\b', true) },
      { type: 'contentContainsAny', words: ['spam'] },
    ]);
    expect(document.moderation.redact.map((r: any) => `${r.kind}:${r.replacement}`))
      .toEqual(['email:[email]', 'phone:[tel]', 'paymentCard:[card]', 'usSsn:[ssn]', 'pattern:[redacted]']);
    expect(document.messageAttributes[1].when).toEqual({ type: 'senderIn', arns: ['arn:aws:chime:us-east-1:111122223333:app-instance/a/user/ceo'] });
    expect(document.pushNotification[0]).toEqual({
      action: 'suppress',
      when: { type: 'or', conditions: [{ type: 'edited', value: true }, { type: 'persistence', value: 'NON_PERSISTENT' }] },
    });
    expect(document.pushNotification[1].when).toEqual({
      type: 'and',
      conditions: [
        { type: 'metadataEquals', key: 'priority', value: 'high' },
        { type: 'not', condition: { type: 'attributeEquals', name: 'muted', value: 'yes' } },
      ],
    });
  });

  test('a flow with moderation fails closed: its fallback action defaults to ABORT', () => {
    const stack = synth({ moderation: ModerationPolicy.of({ deny: [Condition.contentContainsAny(['spam'])] }) });
    Template.fromStack(stack).hasResourceProperties('AWS::Chime::ChannelFlow', { Processors: [{ FallbackAction: 'ABORT' }] as any });
    const open = synth({ moderation: ModerationPolicy.of({ deny: [Condition.contentContainsAny(['spam'])] }), fallbackAction: FallbackAction.CONTINUE });
    expect(Object.values<any>(Template.fromStack(open).findResources('AWS::Chime::ChannelFlow'))[0].Properties.Processors[0].FallbackAction).toBe('CONTINUE');
    expect(shippedPolicy(synth({ moderation: ModerationPolicy.of({}) })).onError).toBe('deliver');
  });

  test.each([
    [{ moderation: ModerationPolicy.of({ redact: [Redaction.pattern('x*')] }) }, /moderation.redact\[0\]: the pattern "x\*" can match no text/],
    [{ moderation: ModerationPolicy.of({ redact: [Redaction.emailAddresses({ replacement: '' })] }) }, /moderation.redact\[0\]: the replacement must be 1-100 characters, got 0/],
    [{ moderation: ModerationPolicy.of({ deny: [Condition.contentContainsAny([])] }) }, /moderation.deny\[0\]: contentContainsAny needs at least one word/],
    [{ moderation: ModerationPolicy.of({ deny: [Condition.or()] }) }, /moderation.deny\[0\]: or needs at least one condition/],
    [{ messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.fromContent('m', '(x)?')]) }],
    [{ messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.set('a', ['b']).when(Condition.metadataEquals('', 'x'))]) },
      /messageAttributes\[0\] \(set "a"\).when: metadataEquals needs a non-empty key/],
    [{ pushNotification: PushNotificationPolicy.firstMatch([PushNotificationRule.suppress().when(Condition.not(Condition.senderIn([])))]) },
      /pushNotification\[0\].when.not: senderIn needs at least one sender ARN/],
    [{ pushNotification: PushNotificationPolicy.firstMatch([PushNotificationRule.send({ title: '{{metadata}}', body: 'b' })]) },
      /pushNotification\[0\]: the title has an unknown placeholder \{\{metadata\}\}/],
  ])('bad policies fail synth naming the prop and rule: %#', (props, error = /messageAttributes\[0\] \(fromContent "m"\): the pattern "\(x\)\?" can match no text/) => {
    expect(() => synth(props as Partial<ChannelFlowProps>)).toThrow(error);
  });

  test.each([
    [() => Condition.contentMatches('(a)\\1'), /^Condition.contentMatches: the pattern "\(a\)\\\\1" is not supported: the backreference \\1 at 3 is not supported$/],
    [() => Redaction.pattern('a(?=b)'), /^Redaction.pattern: the pattern "a\(\?=b\)" is not supported: lookahead \(\?= at 1 is not supported$/],
    [() => MessageAttributeRule.fromContent('m', '[a-'), /^MessageAttributeRule.fromContent: the pattern "\[a-" is not supported: unterminated character class at 3 \(JavaScript refuses it too\)$/],
    [() => Condition.contentMatches(Lazy.string({ produce: () => 'a' })), /^Condition.contentMatches: the pattern must be known at synth time; a token was given$/],
    [() => Condition.contentMatches(''), /^Condition.contentMatches: the pattern must not be empty$/],
    [() => Condition.contentMatches('(?:a{100}){100}'), /^Condition.contentMatches: the pattern "\(\?:a\{100\}\)\{100\}" is not supported: the pattern is too large once its repetitions are expanded/],
  ])('a pattern the engine cannot run fails where it is written, a validation error naming the factory and the reason: %#', (write, error) => {
    expect(write).toThrow(error);
    try {
      write();
    } catch (e) {
      expect(Errors.isValidationError(e)).toBe(true);
    }
  });

  test('a policy far larger than Lambda\'s 4 KB of environment reaches the function whole', () => {
    const rules = Array.from({ length: 300 }, (_, i) => MessageAttributeRule.set(`a${i}`, ['v']).when(Condition.contentContainsAny([`word${i}`])));
    const stack = synth({ messageAttributes: MessageAttributePolicy.of(rules) });
    const document = shippedPolicy(stack);
    expect(JSON.stringify(document).length).toBeGreaterThan(20_000);
    expect(document.messageAttributes).toHaveLength(300);
    const fn = Object.values<any>(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0];
    expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain('word1');
  });

  test('conditions nested too deep are refused', () => {
    let deep = Condition.isNew();
    for (let i = 0; i < 20; i++) deep = Condition.not(deep);
    expect(() => synth({ moderation: ModerationPolicy.of({ deny: [deep] }) })).toThrow(/conditions nest more than 16 deep/);
  });
});

describe('PolicySimulator', () => {
  const props: Partial<ChannelFlowProps> = {
    moderation: ModerationPolicy.of({ deny: [Condition.contentContainsAny(['forbidden'])], redact: [Redaction.emailAddresses()] }),
    messageAttributes: MessageAttributePolicy.of([
      MessageAttributeRule.fromContent('mentions', '@(\\w+)'),
      MessageAttributeRule.fromSender('senderName', SenderField.NAME),
    ]),
    pushNotification: PushNotificationPolicy.of({ title: '{{sender.name}}', body: '{{content}}' }),
  };

  test('returns the exact request the processor sends', () => {
    const simulator = PolicySimulator.fromPolicies(props as ChannelFlowProps);
    const e = event({ Content: 'hi @bob, write to ann@example.com' });
    expect(simulator.simulate(e)).toEqual({
      CallbackId: e.CallbackId,
      ChannelArn: e.ChannelMessage.ChannelArn,
      ChannelMessage: {
        MessageId: e.ChannelMessage.MessageId,
        Content: 'hi @bob, write to [email]',
        Metadata: e.ChannelMessage.Metadata,
        MessageAttributes: { mentions: { StringValues: ['bob'] }, senderName: { StringValues: ['Alice'] } },
        PushNotification: { Title: 'Alice', Body: 'hi @bob, write to [email]', Type: 'DEFAULT' },
      },
    });
    expect(simulator.simulate(event({ Content: 'this is Forbidden' }))).toMatchObject({ DeleteResource: true });
  });

  test('simulates the document a synthesized flow ships, with the same answer', () => {
    const stack = synth(props);
    const fromDocument = PolicySimulator.fromPolicyDocument(shippedPolicy(stack));
    const fromProps = PolicySimulator.fromPolicies(props as ChannelFlowProps);
    expect(fromDocument.policyDocument).toEqual(fromProps.policyDocument);
    const e = event({ Content: 'ping @ann at a@b.co' });
    expect(fromDocument.simulate(e)).toEqual(fromProps.simulate(e));
  });

  test('takes and gives JSON text for languages without an untyped object', () => {
    const simulator = PolicySimulator.fromPolicies(props as ChannelFlowProps);
    const e = event({ Content: 'hi @bob' });
    expect(JSON.parse(simulator.simulateJson(JSON.stringify(e)))).toEqual(simulator.simulate(e));
  });

  test('refuses an event the processor would refuse, naming the field', () => {
    expect(() => PolicySimulator.fromPolicies({}).simulate({ EventType: 'CHANNEL_MESSAGE_EVENT' })).toThrow(/invalid channel flow event: CallbackId/);
  });

  test('refuses a policy document that does not validate', () => {
    expect(() => PolicySimulator.fromPolicyDocument({ version: 2 })).toThrow(/invalid policy document: policy: onError/);
  });
});
