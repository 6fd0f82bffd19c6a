/**
 * The custom resource that makes a channel flow deletable: `DeleteChannelFlow` works only when
 * no channel is associated with the flow, and channels are associated at run time. When the
 * flow is going away (see flow-fate.ts) its Delete disassociates every channel from it as the
 * app instance's admin bearer (disassociate-all.ts), so that CloudFormation can then delete the
 * flow; when the flow stays, its channels are left alone. A flow with more channels than one
 * invocation can take is carried on by the next invocation, until CloudFormation's wait ends.
 * Create and Update do nothing but name the flow as the physical id.
 */
import { disassociateAll, Messaging, Outcome, Progress } from './disassociate-all';
import { FlowFate, flowFate, StackFacts } from './flow-fate';
import { DISASSOCIATION_CONCURRENCY, DISASSOCIATION_TIMING, DisassociationProperties } from '../../src/core/contract';
import { CHANNEL_FLOW_ARN_PATTERN } from '../../src/core/limits';
import { CustomResourceEventBase, CustomResourceResponse, describeError } from '../shared/cfn-response';

/** What CloudFormation sends this custom resource. */
export interface CustomResourceEvent extends CustomResourceEventBase {
  readonly ResourceProperties: Partial<DisassociationProperties> & Pick<DisassociationProperties, 'ChannelFlowArn' | 'ChimeBearer' | 'FlowLogicalId'>;
  /** Set by this handler on an unfinished Delete it hands to its next invocation. */
  readonly Continuation?: Continuation;
}

/** An unfinished Delete, as one invocation hands it to the next. */
export interface Continuation {
  /** When the first invocation started (epoch milliseconds): CloudFormation's wait is counted from it. */
  readonly startedAt: number;
  /** This invocation's number, the first being 1. */
  readonly invocation: number;
  /** The stack's status when the delete began: a chain whose stack has moved on stops. */
  readonly stackStatus: string;
  readonly progress: Progress;
}

export interface DisassociationPorts {
  readonly messaging: Messaging;
  /** Epoch milliseconds: when this invocation must stop its calls, to keep time to answer. */
  readonly invocationDeadline: number;
  /** What CloudFormation says of the stack and of the flow's logical id in it. */
  stackFacts(stackId: string, flowLogicalId: string, deadline: number): Promise<StackFacts>;
  /** Hands the event to a new invocation of this function, which answers CloudFormation in its turn. */
  continueWith(event: CustomResourceEvent, deadline: number): Promise<void>;
  now(): number;
}

/** Either the answer for CloudFormation, or the event handed to the next invocation, which will answer. */
export type HandlerResult =
  | { readonly kind: 'answer'; readonly response: CustomResourceResponse }
  | { readonly kind: 'continued'; readonly continuation: Continuation }
  /** A continuation whose delete CloudFormation has moved on from (it was answered, or gave up): nothing more is done. */
  | { readonly kind: 'stopped'; readonly why: string };

function concurrencyOf(value: string | undefined): number {
  const asked = Number(value);
  return Number.isInteger(asked) && asked >= 1 ? Math.min(asked, DISASSOCIATION_CONCURRENCY.max) : DISASSOCIATION_CONCURRENCY.default;
}

const counts = (progress: Progress) => `disassociated ${progress.disassociated} channels`
  + (progress.alreadyGone > 0 ? ` (${progress.alreadyGone} more were disassociated already)` : '');

export async function handleEvent(event: CustomResourceEvent, ports: DisassociationPorts): Promise<HandlerResult> {
  const properties = event.ResourceProperties;
  // CloudFormation requires the same physical id in every answer for a resource: a Delete keeps
  // the one it sent. Create and Update name the flow, so a replaced flow (a new ARN) makes
  // CloudFormation delete this resource for the old one.
  const physicalId = event.RequestType === 'Delete' ? event.PhysicalResourceId ?? '' : properties.ChannelFlowArn;
  const answer = (Status: CustomResourceResponse['Status'], Reason: string): HandlerResult => ({
    kind: 'answer',
    response: {
      Status, Reason, PhysicalResourceId: physicalId, StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
    },
  });
  if (event.RequestType !== 'Delete') return answer('SUCCESS', 'channels are disassociated when the flow goes away');
  // The resource never stood for a flow (its Create failed): there is nothing to disassociate.
  if (!CHANNEL_FLOW_ARN_PATTERN.test(physicalId)) return answer('SUCCESS', 'no flow was recorded for this resource: nothing to disassociate');

  const startedAt = event.Continuation?.startedAt ?? ports.now();
  const waitEnds = startedAt + DISASSOCIATION_TIMING.serviceTimeoutSeconds * 1000 - DISASSOCIATION_TIMING.answerMarginMs;
  const deadline = Math.min(ports.invocationDeadline, waitEnds);

  let fate: FlowFate | undefined;
  let stackStatus = event.Continuation?.stackStatus ?? '';
  if (event.Continuation) {
    // Lambda may deliver an asynchronous event twice, and an answered delete leaves its chain
    // behind: go on only while the stack is where the delete began.
    let status: string;
    try {
      status = (await ports.stackFacts(event.StackId, properties.FlowLogicalId, deadline)).status;
    } catch (error) {
      return answer('FAILED', `could not read stack ${event.StackId} to go on with the delete of ${physicalId}'s channels: ${describeError(error)}`);
    }
    if (status !== event.Continuation.stackStatus) {
      return { kind: 'stopped', why: `the stack is ${status}, no longer ${event.Continuation.stackStatus}` };
    }
  } else {
    try {
      const facts = await ports.stackFacts(event.StackId, properties.FlowLogicalId, deadline);
      stackStatus = facts.status;
      fate = flowFate(physicalId, facts, {
        deletionPolicy: properties.FlowDeletionPolicy ?? 'Delete',
        updateReplacePolicy: properties.FlowUpdateReplacePolicy ?? 'Delete',
      });
    } catch (error) {
      return answer('FAILED', `could not tell from stack ${event.StackId} whether the flow ${physicalId} stays (its channels are left associated): ${describeError(error)}`);
    }
    if (!fate.goes) return answer('SUCCESS', `${fate.why}: the channels of ${physicalId} are left associated`);
  }

  const outcome: Outcome = await disassociateAll(ports.messaging, {
    channelFlowArn: physicalId,
    chimeBearer: properties.ChimeBearer,
    concurrency: concurrencyOf(properties.Concurrency),
    deadline,
    // A third of the time kept back at the end: calls in flight finish; the rest is to hand
    // over or answer (response.ts keeps within it).
    graceMs: DISASSOCIATION_TIMING.reserveMs / 3,
    progress: event.Continuation?.progress,
  });
  const why = fate ? `${fate.why}: ` : '';
  switch (outcome.kind) {
    case 'done':
      return answer('SUCCESS', `${why}${counts(outcome.progress)} from ${physicalId}`);
    case 'failed':
      return answer('FAILED', `${outcome.reason} (so far ${counts(outcome.progress)}); fix it and delete again to go on`);
    case 'outOfTime': {
      const { disassociated, alreadyGone } = outcome.progress;
      const settled = disassociated + alreadyGone;
      if (ports.now() < waitEnds - DISASSOCIATION_TIMING.reserveMs) {
        const invocation = (event.Continuation?.invocation ?? 1) + 1;
        const continuation: Continuation = { startedAt, invocation, progress: outcome.progress, stackStatus };
        try {
          await ports.continueWith({ ...event, Continuation: continuation }, ports.invocationDeadline + DISASSOCIATION_TIMING.reserveMs / 2);
          return { kind: 'continued', continuation };
        } catch (error) {
          return answer('FAILED', `could not hand the delete to the next invocation after ${settled} channels of ${physicalId}: ${describeError(error)}; delete again to go on`);
        }
      }
      return answer('FAILED', `ran out of time after ${settled} of ${settled + outcome.left} known channels of ${physicalId} (${counts(outcome.progress)}); `
        + 'delete again to go on');
    }
  }
}
