import { IResource, Resource, aws_iam as iam, interfaces } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeWildcards } from './private/nag';
import { NAG_REASONS } from './private/nag-reasons';

/**
 * A channel flow, created here or imported. It is also aws-cdk-lib's `IChannelFlowRef`, so it
 * can be given wherever aws-cdk-lib takes a reference to a channel flow.
 */
export interface IChannelFlow extends IResource, interfaces.aws_chime.IChannelFlowRef {
  /**
   * The ARN of the channel flow.
   *
   * @attribute
   */
  readonly channelFlowArn: string;

  /** The ARN of the app instance the channel flow belongs to. */
  readonly appInstanceArn: string;

  /**
   * Allow `grantee` to associate this channel flow with the app instance's channels and to
   * disassociate it (`chime:AssociateChannelFlow`, `chime:DisassociateChannelFlow`), on this
   * flow, the app instance's channels, and its users and bots acting as the bearer.
   */
  grantAssociate(grantee: iam.IGrantable): iam.Grant;
}

/**
 * What created and imported channel flows share; hidden from the public API, where
 * `IChannelFlow` stands for both.
 *
 * @internal
 */
export abstract class ChannelFlowBase extends Resource implements IChannelFlow {
  public abstract readonly channelFlowArn: string;
  public abstract readonly appInstanceArn: string;

  /** This flow as aws-cdk-lib references a channel flow. */
  public get channelFlowRef(): interfaces.aws_chime.ChannelFlowReference {
    return { channelFlowArn: this.channelFlowArn };
  }

  public grantAssociate(grantee: iam.IGrantable): iam.Grant {
    const wildcards = ['channel', 'user', 'bot'].map((type) => `${this.appInstanceArn}/${type}/*`);
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: ['chime:AssociateChannelFlow', 'chime:DisassociateChannelFlow'],
      resourceArns: [this.channelFlowArn, ...wildcards],
    });
    if (Construct.isConstruct(grantee)) {
      acknowledgeWildcards(grantee, wildcards, NAG_REASONS.associateWildcards);
    }
    return grant;
  }
}

