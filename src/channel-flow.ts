import {
  CustomResource, Fn, Names, aws_chime as chime, aws_ec2 as ec2, aws_events as events,
  aws_events_targets as targets, aws_lambda as lambda, aws_logs as logs, aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ChannelFlowBase, IChannelFlow } from './channel-flow-base';
import { AssociateChannelOptions, ChannelFlowAttributes, ChannelFlowProps } from './channel-flow-props';
import { LIMITS } from './core/limits';
import { AssociationHandler, createAssociation, createAssociationHandler } from './private/association';
import {
  checkAdminBearerArn, checkAppInstanceArn, checkChannelArn, checkChannelFlowArn, checkChannelFlowName, checkSameEnvironment,
  checkUniqueChannelFlowName,
} from './private/check-props';
import { flowProcessor, flowResource, protectDeletion } from './private/flow-wiring';
import { acknowledgeNagFindings } from './private/nag';
import { NAG_REASONS } from './private/nag-reasons';

/** The event pattern of the service's ProcessorInvocationFailure events for one processor. */
function invocationFailurePattern(processorArn: string): events.EventPattern {
  return {
    source: ['aws.chime'],
    detailType: ['Chime ChannelFlow Processing Status'],
    detail: { eventType: ['ProcessorInvocationFailure'], processorResourceArn: [processorArn] },
  };
}

/**
 * An Amazon Chime SDK messaging channel flow with its processor: every message of the
 * channels associated with the flow passes through the processor, which answers with one
 * `ChannelFlowCallback` that applies the flow's policies.
 */
export class ChannelFlow extends ChannelFlowBase implements ec2.IConnectable {
  /**
   * Import a channel flow by its ARN
   * (`arn:PARTITION:chime:REGION:ACCOUNT:app-instance/APP_ID/channel-flow/FLOW_ID`).
   */
  public static fromChannelFlowArn(scope: Construct, id: string, channelFlowArn: string): IChannelFlow {
    return ChannelFlow.fromChannelFlowAttributes(scope, id, { channelFlowArn });
  }

  /**
   * Import a channel flow by its ARN and, to read its metrics and add alarms, its name (the
   * `ChannelFlowName` dimension of the processor's metrics).
   */
  public static fromChannelFlowAttributes(scope: Construct, id: string, attributes: ChannelFlowAttributes): IChannelFlow {
    const { channelFlowArn, channelFlowName } = attributes;
    checkChannelFlowArn(scope, channelFlowArn);
    if (channelFlowName !== undefined) checkChannelFlowName(scope, channelFlowName);
    class Import extends ChannelFlowBase {
      public readonly channelFlowArn = channelFlowArn;
      public readonly appInstanceArn = Fn.select(0, Fn.split('/channel-flow/', channelFlowArn));
      protected metricsName(): string | undefined {
        return channelFlowName;
      }
    }
    return new Import(scope, id, { environmentFromArn: channelFlowArn });
  }

  /** The ARN of the channel flow. */
  public readonly channelFlowArn: string;

  /** The ARN of the app instance the channel flow belongs to. */
  public readonly appInstanceArn: string;

  /** The function that processes the flow's messages: the managed one, or the one you gave. */
  public readonly processor: lambda.IFunction;

  /** The managed processor function, when the flow made it (not with `processor`). */
  public readonly managedProcessor?: lambda.Function;

  /** The queue that receives events whose processing failed, when the flow made it. */
  public readonly failureQueue?: sqs.IQueue;

  /** The log group of the managed processor function (the one given as `logGroup`, or the flow's own); undefined when `processor` is given. */
  public readonly logGroup?: logs.ILogGroup;

  /** The underlying `AWS::Chime::ChannelFlow`. */
  public readonly cfnChannelFlow: chime.CfnChannelFlow;

  /** The name of the channel flow; the processor's metrics carry it as their `ChannelFlowName` dimension. */
  public readonly channelFlowName: string;

  /**
   * The rule that sends the service's `ProcessorInvocationFailure` events for this flow's
   * processor to the failure queue, when the flow made the queue: messages the service could
   * not hand to the processor are visible where failed invocations are.
   */
  public readonly invocationFailureRule?: events.Rule;

  private associationHandler?: AssociationHandler;
  private readonly associationRuntime?: lambda.Runtime;


  constructor(scope: Construct, id: string, props: ChannelFlowProps) {
    super(scope, id);
    checkAppInstanceArn(this, props.appInstanceArn);
    checkSameEnvironment(this, props.appInstanceArn);
    if (props.adminBearerArn !== undefined) checkAdminBearerArn(this, props.appInstanceArn, props.adminBearerArn);
    this.appInstanceArn = props.appInstanceArn;
    this.associationRuntime = props.disassociationRuntime;

    const name = props.channelFlowName ?? Names.uniqueResourceName(this, { maxLength: LIMITS.channelFlowNameMaxChars });
    checkChannelFlowName(this, name);
    this.channelFlowName = name;

    const processing = flowProcessor(this, props, name);
    this.processor = processing.processor;
    this.managedProcessor = processing.managed?.fn;
    this.failureQueue = processing.managed?.failureQueue;
    this.logGroup = processing.managed?.logGroup;
    this.cfnChannelFlow = flowResource(this, props, name, processing);
    this.channelFlowArn = this.cfnChannelFlow.attrArn;
    checkUniqueChannelFlowName(this, this.cfnChannelFlow);
    protectDeletion(this, props, this.cfnChannelFlow);

    if (this.failureQueue) {
      this.invocationFailureRule = this.onProcessorInvocationFailure('InvocationFailures', {
        description: 'Chime ProcessorInvocationFailure events of this channel flow\'s processor, to its failure queue',
        target: new targets.SqsQueue(this.failureQueue),
      });
      acknowledgeNagFindings(this.invocationFailureRule.node.defaultChild as events.CfnRule, [
        { rule: 'Serverless-EventBusDLQ', reason: NAG_REASONS.failureRuleNeedsNoDlq },
      ]);
    }
  }

  /**
   * Associate a channel with this flow in the stack: a custom resource that associates it on
   * create (`AssociateChannelFlow`), moves the association on update (another channel, or a
   * replaced flow), and disassociates it on delete, unless the stack is being deleted and the
   * flow is retained. Its handler ships pre-bundled; its role may associate only the channels
   * named, as their bearers. Give a `CfnChannel`'s ARN (`attrArn`, aws-cdk-lib 2.272 and newer)
   * or any channel's of the flow's app instance.
   *
   * @param id the construct id of the association, under this flow
   * @param channelArn the channel's ARN
   */
  public associateChannel(id: string, channelArn: string, options: AssociateChannelOptions): CustomResource {
    checkChannelArn(this, this.appInstanceArn, channelArn);
    checkAdminBearerArn(this, this.appInstanceArn, options.bearerArn, 'bearerArn');
    this.associationHandler ??= createAssociationHandler(this, this.appInstanceArn, this.associationRuntime);
    return createAssociation(this, id, this.associationHandler, this.cfnChannelFlow, this.appInstanceArn, channelArn, options.bearerArn);
  }

  protected metricsName(): string {
    return this.channelFlowName;
  }

  protected alarmedProcessor(): lambda.IFunction {
    return this.processor;
  }

  protected alarmedQueue(): sqs.IQueue | undefined {
    return this.failureQueue;
  }

  /**
   * The network connections of the processor in its VPC (`vpc`, `securityGroups`), to allow its
   * traffic, for example to a database a processing hook reads. A processor outside a VPC has none:
   * aws-cdk-lib's error says so.
   */
  public get connections(): ec2.Connections {
    return this.processor.connections;
  }

  /**
   * A rule for the service's `ProcessorInvocationFailure` events about this flow's processor
   * (EventBridge, source `aws.chime`): sent whatever the fallback action, with the app
   * instance, channel, message id and failure reason.
   */
  public onProcessorInvocationFailure(id: string, options: events.OnEventOptions = {}): events.Rule {
    const ours = invocationFailurePattern(this.processor.functionArn);
    const rule = new events.Rule(this, id, {
      description: options.description,
      ruleName: options.ruleName,
      crossStackScope: options.crossStackScope,
      // Filters of yours narrow the rule; they cannot widen it to other flows' events.
      eventPattern: { ...options.eventPattern, ...ours, detail: { ...options.eventPattern?.detail, ...ours.detail } },
    });
    if (options.target) rule.addTarget(options.target);
    return rule;
  }


}
