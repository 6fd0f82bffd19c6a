import { App, CfnOutput, Stack, StackProps, aws_chime as chime, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  ChannelFlow, Condition, MessageAttributePolicy, MessageAttributeRule, MessagePersistence, ModerationPolicy,
  PushNotificationPolicy, PushNotificationRule, PushNotificationType, Redaction, SenderField,
} from '../src';

/** A chat backend: an app instance, a channel flow that processes every message, and a role that may associate the flow. */
export class ChatStack extends Stack {
  public readonly flow: ChannelFlow;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const app = new chime.CfnAppInstance(this, 'Chat', { name: 'chat' });

    this.flow = new ChannelFlow(this, 'Flow', {
      appInstanceArn: app.attrAppInstanceArn,
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
