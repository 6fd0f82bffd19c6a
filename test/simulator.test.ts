import { AllowNotifications, ChannelFlowProps, Condition, MessageAttributePolicy, MessageAttributeRule, ModerationPolicy, PolicySimulator, PushNotificationFilter, PushNotificationPolicy, Redaction, SenderField } from '../src';
import { withMessage } from './support/decisions';
import { shippedPolicy, synthFlow } from './support/fixtures';

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
    const e = withMessage({ Content: 'hi @bob, write to ann@example.com' });
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
    expect(simulator.simulate(withMessage({ Content: 'this is Forbidden' }))).toMatchObject({ DeleteResource: true });
  });

  test('simulates the document a synthesized flow ships, with the same answer', () => {
    const stack = synthFlow(props).stack;
    const fromDocument = PolicySimulator.fromPolicyDocument(shippedPolicy(stack));
    const fromProps = PolicySimulator.fromPolicies(props as ChannelFlowProps);
    expect(fromDocument.policyDocument).toEqual(fromProps.policyDocument);
    const e = withMessage({ Content: 'ping @ann at a@b.co' });
    expect(fromDocument.simulate(e)).toEqual(fromProps.simulate(e));
  });

  test('takes and gives JSON text for languages without an untyped object', () => {
    const simulator = PolicySimulator.fromPolicies(props as ChannelFlowProps);
    const e = withMessage({ Content: 'hi @bob' });
    expect(JSON.parse(simulator.simulateJson(JSON.stringify(e)))).toEqual(simulator.simulate(e));
  });

  test('refuses an event the processor would refuse, naming the field', () => {
    expect(() => PolicySimulator.fromPolicies({}).simulate({ EventType: 'CHANNEL_MESSAGE_EVENT' })).toThrow(/invalid channel flow event: CallbackId/);
  });

  test('refuses a policy document that does not pass the check', () => {
    expect(() => PolicySimulator.fromPolicyDocument({ version: 3 })).toThrow(/invalid policy document: policy: onError/);
  });

  describe('who would be notified', () => {
    const policies = {
      messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.fromContent('mentions', '@(\\w+)')]),
      pushNotification: PushNotificationPolicy.of({ title: '{{sender.name}}', body: '{{content}}' }),
      moderation: ModerationPolicy.of({ deny: [Condition.contentContainsAny(['forbidden'])] }),
    };
    const members = [
      {
        memberArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/user/bob',
        allowNotifications: AllowNotifications.FILTERED,
        filterRule: PushNotificationFilter.parse('{"mentions":["bob"]}'),
      },
      { memberArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/user/cy', allowNotifications: AllowNotifications.ALL },
      { memberArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/user/dee', allowNotifications: AllowNotifications.NONE },
    ];
    const simulator = PolicySimulator.fromPolicies(policies);

    test('members whose preferences let the message\'s push notification through', () => {
      expect(simulator.notifiedMembers(withMessage({ Content: 'hi @bob' }), members)).toEqual([members[0].memberArn, members[1].memberArn]);
      expect(simulator.notifiedMembers(withMessage({ Content: 'hi @ann' }), members)).toEqual([members[1].memberArn]);
    });

    test('takes the event as JSON text too, for Java, C# and Go', () => {
      expect(simulator.notifiedMembersJson(JSON.stringify(withMessage({ Content: 'hi @bob' })), members)).toEqual([members[0].memberArn, members[1].memberArn]);
    });

    test('nobody, for a message without a push notification or a denied one', () => {
      expect(PolicySimulator.fromPolicies({}).notifiedMembers(withMessage({ Content: 'hi @bob' }), members)).toEqual([]);
      expect(simulator.notifiedMembers(withMessage({ Content: 'forbidden @bob' }), members)).toEqual([]);
    });

    test('a filter rule goes with FILTERED only', () => {
      expect(() => simulator.notifiedMembers(withMessage({}), [{ memberArn: 'm', allowNotifications: AllowNotifications.FILTERED }]))
        .toThrow(/member m: a filter rule goes with FILTERED, and only with it/);
    });
  });
});


describe('PolicySimulator with Amazon Comprehend rules, from recorded answers', () => {
  const simulator = PolicySimulator.fromPolicies({
    moderation: ModerationPolicy.of({ deny: [Condition.toxicContent()], redact: [Redaction.piiEntities()] }),
    messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.fromDominantLanguage('language')]),
  } as ChannelFlowProps);
  const recorded = {
    DetectDominantLanguage: { Languages: [{ LanguageCode: 'en', Score: 0.99 }] },
    DetectPiiEntities: { Entities: [{ Type: 'NAME', Score: 0.99, BeginOffset: 5, EndOffset: 10 }] },
    DetectToxicContent: { ResultList: [{ Toxicity: 0.02, Labels: [{ Name: 'INSULT', Score: 0.01 }] }] },
  };
  const event = withMessage({ Content: 'meet Alice' });

  test('decides as the processor does with the APIs\' responses, as JSON too', () => {
    expect(simulator.simulate(event, recorded).ChannelMessage).toMatchObject({ Content: 'meet [NAME]', MessageAttributes: { language: { StringValues: ['en'] } } });
    expect(JSON.parse(simulator.simulateJson(JSON.stringify(event), JSON.stringify(recorded))).ChannelMessage.Content).toBe('meet [NAME]');
    const toxic = { ...recorded, DetectToxicContent: { ResultList: [{ Toxicity: 0.93, Labels: [] }] } };
    expect(simulator.simulate(event, toxic)).toMatchObject({ DeleteResource: true });
  });

  test('says which answers an event needs, and answers a malformed one as the processor would (onError: denied)', () => {
    expect(() => simulator.simulate(event)).toThrow(/needs Amazon Comprehend's answers of DetectDominantLanguage, DetectPiiEntities, DetectToxicContent/);
    const outOfRange = { ...recorded, DetectPiiEntities: { Entities: [{ Type: 'NAME', Score: 0.99, BeginOffset: 5, EndOffset: 11 }] } };
    expect(simulator.simulate(event, outOfRange)).toMatchObject({ DeleteResource: true });
    // A message without content needs no answer.
    expect(simulator.simulate(withMessage({ Content: undefined }))).not.toHaveProperty('DeleteResource');
  });
});
