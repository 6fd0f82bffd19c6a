import { App, CfnOutput, Stack, StackProps, aws_chime as chime, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  AllowNotifications, ChannelFlow, Condition, MemberPushPreferences, MessageAttributePolicy, MessageAttributeRule, MessagePersistence,
  ModerationPolicy, PushNotificationFilter, PushNotificationPolicy, PushNotificationRule, PushNotificationType, Redaction, SenderField,
} from '../src';

const USERS = 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/user';

/**
 * The push notification preferences of the app's members, as their apps set them on their
 * channel memberships: Bob is notified when he is mentioned, Cy of everything, Dee of nothing.
 */
export const MEMBERS: MemberPushPreferences[] = [
  { memberArn: `${USERS}/bob`, allowNotifications: AllowNotifications.FILTERED, filterRule: PushNotificationFilter.attributeIn('mentions', ['bob']) },
  { memberArn: `${USERS}/cy`, allowNotifications: AllowNotifications.ALL },
  { memberArn: `${USERS}/dee`, allowNotifications: AllowNotifications.NONE },
];

/** A chat backend: an app instance, a channel flow that processes every message, and a role that may associate the flow. */
export class ChatStack extends Stack {
  public readonly flow: ChannelFlow;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const app = new chime.CfnAppInstance(this, 'Chat', { name: 'chat' });
    // The user that disassociates the flow's channels before the flow is deleted. It must be an
    // AppInstanceAdmin: make it one with CreateAppInstanceAdmin (CloudFormation has no resource for it).
    const admin = new chime.CfnAppInstanceUser(this, 'FlowAdmin', { appInstanceArn: app.attrAppInstanceArn, appInstanceUserId: 'flow-admin' });

    this.flow = new ChannelFlow(this, 'Flow', {
      appInstanceArn: app.attrAppInstanceArn,
      adminBearerArn: admin.attrAppInstanceUserArn,
      // With moderation the flow fails closed: the fallback action defaults to ABORT.
      moderation: ModerationPolicy.of({
        deny: [
          Condition.contentMatches('\\bforbidden\\b', { ignoreCase: true }),
          Condition.allOf(Condition.contentContainsAny(['free money', 'click here']), Condition.noneOf(Condition.metadataEquals('trusted', 'true'))),
        ],
        redact: [
          Redaction.emailAddresses(),
          Redaction.phoneNumbers(),
          Redaction.paymentCardNumbers(),
          Redaction.usSocialSecurityNumbers(),
          Redaction.pattern('\\bpassword:\\s*\\S+', { ignoreCase: true, replacement: 'password: [redacted]' }),
        ],
      }),
      messageAttributes: MessageAttributePolicy.of([
        MessageAttributeRule.set('source', ['web']),
        MessageAttributeRule.remove('priority'), // a client cannot set it itself...
        MessageAttributeRule.fromMetadata('priority', 'priority'), // ...it comes from the JSON metadata
        MessageAttributeRule.fromSender('senderName', SenderField.NAME),
        MessageAttributeRule.fromContent('mentions', '@(\\w+)'),
        MessageAttributeRule.set('announcement', ['yes']).when(Condition.attributeEquals('priority', 'high')),
      ]),
      pushNotification: PushNotificationPolicy.firstMatch([
        PushNotificationRule.suppress().when(Condition.anyOf(Condition.isEdited(), Condition.persistence(MessagePersistence.NON_PERSISTENT))),
        PushNotificationRule.send({ title: 'Urgent from {{sender.name}}', body: '{{content}}', type: PushNotificationType.DEFAULT })
          .when(Condition.metadataEquals('priority', 'high')),
        PushNotificationRule.send({ title: '{{sender.name}}', body: '{{content}}' }),
      ]),
      // Checked at synth against the attribute rules above: a filter they cannot satisfy is a warning.
      memberFilters: MEMBERS.flatMap((member) => (member.filterRule ? [member.filterRule] : [])),
    });

    // Alarms for what needs a person; give them actions (SNS, a pager) with alarmActions.
    this.flow.addAlarms();

    const backend = new iam.Role(this, 'Backend', { assumedBy: new iam.AccountRootPrincipal() });
    this.flow.grantAssociate(backend);

    new CfnOutput(this, 'ChannelFlowArn', { value: this.flow.channelFlowArn });
    new CfnOutput(this, 'FailureQueueUrl', { value: this.flow.failureQueue!.queueUrl });
  }
}

export function exampleApp(outdir?: string): { app: App; stack: ChatStack } {
  const app = new App({ outdir });
  // No account or region: the stack is environment-agnostic and synthesizes offline.
  const stack = new ChatStack(app, 'ChatStack');
  return { app, stack };
}
