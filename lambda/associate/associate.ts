/**
 * The custom resource that associates one channel with the flow (`ChannelFlow.associateChannel`):
 * Create associates; Update moves the association (a new channel is a new physical id, so
 * CloudFormation then deletes the resource for the old channel; a new flow takes the channel
 * from the old one); Delete disassociates, unless the stack is being deleted and the flow is
 * retained, when the channel keeps its flow as the flow keeps its channels.
 */
import { AssociationProperties } from '../../src/core/contract';
import { CHANNEL_ARN_PATTERN } from '../../src/core/limits';
import { isConflict, isNotFound, isTransient } from '../shared/aws-errors';
import { CustomResourceEventBase, CustomResourceResponse, describeError } from '../shared/cfn-response';
import { DeadlineReachedError, retryUntil } from '../shared/retry-until';

/** What CloudFormation sends this custom resource. */
export interface AssociationEvent extends CustomResourceEventBase {
  readonly ResourceProperties: AssociationProperties;
  readonly OldResourceProperties?: AssociationProperties;
}

export interface AssociationPorts {
  /** Epoch milliseconds: no call starts after it. */
  readonly deadline: number;
  associate(channelArn: string, channelFlowArn: string, chimeBearer: string, signal: AbortSignal): Promise<void>;
  disassociate(channelArn: string, channelFlowArn: string, chimeBearer: string, signal: AbortSignal): Promise<void>;
  stackStatus(stackId: string, signal: AbortSignal): Promise<string>;
}


export async function handleAssociation(event: AssociationEvent, ports: AssociationPorts): Promise<CustomResourceResponse> {
  const properties = event.ResourceProperties;
  const physicalId = event.RequestType === 'Delete' ? event.PhysicalResourceId ?? '' : properties.ChannelArn;
  const answer = (Status: CustomResourceResponse['Status'], Reason: string): CustomResourceResponse => ({
    Status, Reason, PhysicalResourceId: physicalId, StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
  });
  const call = (what: (signal: AbortSignal) => Promise<unknown>, retryConflict: boolean) => retryUntil(what, {
    deadline: ports.deadline, maxDelayMs: 2000, isRetryable: (error) => isTransient(error) || (retryConflict && isConflict(error)),
  });
  const associate = (p: AssociationProperties) => call((signal) => ports.associate(p.ChannelArn, p.ChannelFlowArn, p.ChimeBearer, signal), true);
  const disassociate = async (p: AssociationProperties) => {
    try {
      await call((signal) => ports.disassociate(p.ChannelArn, p.ChannelFlowArn, p.ChimeBearer, signal), true);
    } catch (error) {
      // Already disassociated, or the channel or flow gone: the association is gone.
      if (!isNotFound(error)) throw error;
    }
  };

  try {
    if (event.RequestType === 'Create') {
      await associate(properties);
      return answer('SUCCESS', `associated ${properties.ChannelArn} with ${properties.ChannelFlowArn}`);
    }
    if (event.RequestType === 'Update') {
      const old = event.OldResourceProperties;
      if (old && old.ChannelArn === properties.ChannelArn && old.ChannelFlowArn !== properties.ChannelFlowArn) {
        await disassociate({ ...properties, ChannelFlowArn: old.ChannelFlowArn });
      }
      if (!old || old.ChannelArn !== properties.ChannelArn || old.ChannelFlowArn !== properties.ChannelFlowArn) await associate(properties);
      return answer('SUCCESS', `${properties.ChannelArn} is associated with ${properties.ChannelFlowArn}`);
    }
    // A resource whose Create failed stood for no association.
    if (!CHANNEL_ARN_PATTERN.test(physicalId)) return answer('SUCCESS', 'no association was recorded for this resource');
    const status = await call((signal) => ports.stackStatus(event.StackId, signal), false) as string;
    if (status.startsWith('DELETE_') && properties.FlowDeletionPolicy !== 'Delete') {
      return answer('SUCCESS', `the stack is deleted and its flow ${properties.ChannelFlowArn} kept (DeletionPolicy ${properties.FlowDeletionPolicy}): `
        + `${physicalId} stays associated with it`);
    }
    await disassociate({ ...properties, ChannelArn: physicalId });
    return answer('SUCCESS', `disassociated ${physicalId} from ${properties.ChannelFlowArn}`);
  } catch (error) {
    const cause = error instanceof DeadlineReachedError ? error.lastError : error;
    const hint = isConflict(cause) ? ' (does the channel have another channel flow? a channel has one at most)' : '';
    return answer('FAILED', `could not ${event.RequestType === 'Delete' ? 'disassociate' : 'associate'} ${physicalId || properties.ChannelArn} `
      + `and ${properties.ChannelFlowArn} as ${properties.ChimeBearer}: ${describeError(error)}${hint}`);
  }
}
