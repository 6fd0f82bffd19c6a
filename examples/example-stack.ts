import { App, CfnOutput, Stack, StackProps, aws_chime as chime, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  ChannelFlow, FallbackAction, MessageAttributePolicy, MessageAttributeRule, PushNotificationPolicy,
  PushNotificationType, SenderField,
} from '../src';

/** A chat backend: an app instance, a channel flow that processes every message, and a role that may associate the flow. */
export class ChatStack extends Stack {
  public readonly flow: ChannelFlow;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const app = new chime.CfnAppInstance(this, 'Chat', { name: 'chat' });

    this.flow = new ChannelFlow(this, 'Flow', {
      appInstanceArn: app.attrAppInstanceArn,
      fallbackAction: FallbackAction.CONTINUE,
      messageAttributes: MessageAttributePolicy.of([
        MessageAttributeRule.set('source', ['web']),
        MessageAttributeRule.remove('priority'),
        MessageAttributeRule.fromMetadata('priority', 'priority'),
        MessageAttributeRule.fromSender('senderName', SenderField.NAME),
      ]),
      pushNotification: PushNotificationPolicy.of({
        title: '{{sender.name}}',
        body: '{{content}}',
        type: PushNotificationType.DEFAULT,
      }),
    });

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
