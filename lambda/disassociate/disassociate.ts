/**
 * The custom resource that makes a channel flow deletable: `DeleteChannelFlow` works only when
 * no channel is associated with the flow, and channels are associated at run time. When the
 * flow is going away (the stack's deletion, the flow's removal, the old flow after a
 * replacement) its Delete lists every channel associated with the flow and disassociates each
 * as the app instance's admin bearer, so that CloudFormation can then delete the flow. When the
 * flow stays (only this resource is removed, or a rollback removes it), it leaves the channels
 * alone: disassociating them would take a live flow out of every channel. Create and Update do
 * nothing.
 */
import { CHANNEL_FLOW_ARN_PATTERN } from '../../src/core/limits';

/** What CloudFormation sends a custom resource (the fields this one reads). */
export interface CustomResourceEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: {
    readonly ChannelFlowArn: string;
    readonly ChimeBearer: string;
    /** The flow's logical id in the stack, to ask CloudFormation whether it stays. */
    readonly FlowLogicalId: string;
  };
}

/** What CloudFormation takes back through the response URL. */
export interface CustomResourceResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
}

/** The two messaging calls, as the handler makes them through the AWS SDK client. */
export interface Messaging {
  listChannels(channelFlowArn: string, nextToken?: string): Promise<{ channelArns: string[]; nextToken?: string }>;
  disassociate(channelArn: string, channelFlowArn: string, chimeBearer: string): Promise<void>;
}

/** What the handler asks CloudFormation about the stack it runs for. */
export interface StackState {
  /** The stack's status, for example `DELETE_IN_PROGRESS` or `UPDATE_COMPLETE_CLEANUP_IN_PROGRESS`. */
  status(stackId: string): Promise<string>;
  /** Whether the stack's current template still has a resource of this logical id. */
  templateHas(stackId: string, logicalId: string): Promise<boolean>;
  /** The physical id the stack has for this logical id, if any. */
  physicalId(stackId: string, logicalId: string): Promise<string | undefined>;
}

export interface DisassociationPorts {
  readonly messaging: Messaging;
  readonly stack: StackState;
  /** Whether there is time for another call before the function's own timeout. */
  hasTime(): boolean;
}

/** CloudFormation shows at most this much of a reason in the stack's events. */
const REASON_MAX_CHARS = 1000;

const errorName = (error: unknown) => (error as { name?: string })?.name ?? 'Error';
const isNotFound = (error: unknown) => errorName(error) === 'NotFoundException';
const describe = (error: unknown) => `${errorName(error)}: ${(error as Error)?.message ?? String(error)}`;

/**
 * Whether the flow outlives this resource's deletion: the stack is not being deleted or rolled
 * back from its creation, the stack's template still has the flow, and the flow there is this
 * one (after a replacement it is another).
 */
export async function flowStays(stack: StackState, stackId: string, flowLogicalId: string, flowArn: string): Promise<boolean> {
  const status = await stack.status(stackId);
  if (status.startsWith('DELETE') || status === 'ROLLBACK_IN_PROGRESS') return false;
  if (!(await stack.templateHas(stackId, flowLogicalId))) return false;
  return (await stack.physicalId(stackId, flowLogicalId)) === flowArn;
}

/** Every channel associated with the flow, all pages; none when the flow is already gone. */
async function associatedChannels(ports: DisassociationPorts, channelFlowArn: string): Promise<string[]> {
  const channels: string[] = [];
  let nextToken: string | undefined;
  do {
    if (!ports.hasTime()) throw new Error(`ran out of time listing the channels associated with ${channelFlowArn}; retry the delete to go on`);
    let page;
    try {
      page = await ports.messaging.listChannels(channelFlowArn, nextToken);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw new Error(`could not list the channels associated with ${channelFlowArn}: ${describe(error)}`);
    }
    channels.push(...page.channelArns);
    nextToken = page.nextToken;
  } while (nextToken);
  return channels;
}

/**
 * Disassociates every channel from the flow; a channel already disassociated, or a flow already
 * gone, counts as done, so a retried delete goes on where the last one stopped. Throttling and
 * service faults are retried by the SDK client; any other failure names the channel and the
 * error, for the stack event. A last listing checks that none is left.
 */
export async function disassociateAll(ports: DisassociationPorts, channelFlowArn: string, chimeBearer: string): Promise<number> {
  const channels = await associatedChannels(ports, channelFlowArn);
  let done = 0;
  for (const channelArn of channels) {
    if (!ports.hasTime()) {
      throw new Error(`ran out of time after disassociating ${done} of ${channels.length} channels from ${channelFlowArn}; retry the delete to go on`);
    }
    try {
      await ports.messaging.disassociate(channelArn, channelFlowArn, chimeBearer);
    } catch (error) {
      if (!isNotFound(error)) {
        throw new Error(`could not disassociate channel ${channelArn} from ${channelFlowArn} as ${chimeBearer}: ${describe(error)}`);
      }
    }
    done++;
  }
  const left = channels.length > 0 ? await associatedChannels(ports, channelFlowArn) : [];
  if (left.length > 0) {
    throw new Error(`${left.length} channels are still associated with ${channelFlowArn} after disassociating them as ${chimeBearer}, `
      + `for example ${left[0]}: is the bearer an AppInstanceAdmin of the app instance?`);
  }
  return done;
}

/** The response to `event`: Create and Update succeed at once; Delete disassociates when the flow goes away. */
export async function handleEvent(event: CustomResourceEvent, ports: DisassociationPorts): Promise<CustomResourceResponse> {
  const { ChannelFlowArn: flowArn, ChimeBearer: bearer, FlowLogicalId: flowLogicalId } = event.ResourceProperties;
  // The flow this resource stands for is its physical id: a replaced flow has a new ARN, so the
  // Update answers with it, and CloudFormation deletes this resource for the old flow.
  const target = event.RequestType === 'Delete' && event.PhysicalResourceId && CHANNEL_FLOW_ARN_PATTERN.test(event.PhysicalResourceId)
    ? event.PhysicalResourceId : flowArn;
  const answer = (Status: CustomResourceResponse['Status'], Reason: string): CustomResourceResponse => ({
    Status,
    Reason: Reason.slice(0, REASON_MAX_CHARS),
    PhysicalResourceId: target,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  if (event.RequestType !== 'Delete') return answer('SUCCESS', 'channels are disassociated when the flow is deleted');
  try {
    if (await flowStays(ports.stack, event.StackId, flowLogicalId, target)) {
      return answer('SUCCESS', `the flow ${target} stays in the stack: its channels are left associated`);
    }
    const count = await disassociateAll(ports, target, bearer);
    return answer('SUCCESS', `disassociated ${count} channels from ${target}`);
  } catch (error) {
    return answer('FAILED', (error as Error).message);
  }
}
