/**
 * The custom resource that makes a channel flow deletable: `DeleteChannelFlow` works only when
 * no channel is associated with the flow, and channels are associated at run time. On Delete
 * (the stack's, the flow's removal, or the old flow's after a replacement) it lists every
 * channel associated with the flow and disassociates each as the app instance's admin bearer,
 * so that CloudFormation can then delete the flow. Create and Update do nothing.
 */

/** What CloudFormation sends a custom resource (the fields this one reads). */
export interface CustomResourceEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: { readonly ChannelFlowArn: string; readonly ChimeBearer: string };
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

export interface DisassociationPorts {
  readonly messaging: Messaging;
  /** Whether there is time for another call before the function's own timeout. */
  hasTime(): boolean;
}

/** CloudFormation shows at most this much of a reason in the stack's events. */
const REASON_MAX_CHARS = 1000;

const errorName = (error: unknown) => (error as { name?: string })?.name ?? 'Error';
const isNotFound = (error: unknown) => errorName(error) === 'NotFoundException';
const describe = (error: unknown) => `${errorName(error)}: ${(error as Error)?.message ?? String(error)}`;

/** Every channel associated with the flow, all pages; none when the flow is already gone. */
async function associatedChannels(messaging: Messaging, channelFlowArn: string): Promise<string[]> {
  const channels: string[] = [];
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await messaging.listChannels(channelFlowArn, nextToken);
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
 * error, for the stack event.
 */
export async function disassociateAll(ports: DisassociationPorts, channelFlowArn: string, chimeBearer: string): Promise<number> {
  const channels = await associatedChannels(ports.messaging, channelFlowArn);
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
  return done;
}

/** The response to `event`: Create and Update succeed at once; Delete disassociates first. */
export async function handleEvent(event: CustomResourceEvent, ports: DisassociationPorts): Promise<CustomResourceResponse> {
  const { ChannelFlowArn: flowArn, ChimeBearer: bearer } = event.ResourceProperties;
  const answer = (Status: CustomResourceResponse['Status'], Reason: string): CustomResourceResponse => ({
    Status,
    Reason: Reason.slice(0, REASON_MAX_CHARS),
    // The flow's ARN: a replaced flow has a new one, so CloudFormation deletes this resource
    // for the old flow (before the old flow itself, which it depends on).
    PhysicalResourceId: event.RequestType === 'Delete' && event.PhysicalResourceId ? event.PhysicalResourceId : flowArn,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  if (event.RequestType !== 'Delete') return answer('SUCCESS', 'channels are disassociated when the flow is deleted');
  try {
    const count = await disassociateAll(ports, flowArn, bearer);
    return answer('SUCCESS', `disassociated ${count} channels from ${flowArn}`);
  } catch (error) {
    return answer('FAILED', (error as Error).message);
  }
}
