import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CustomResourceEvent, handleEvent } from '../../../lambda/disassociate/disassociate';
import { messagingOf, stackStateOf } from '../../../lambda/disassociate/index';
import { Answer, fault, FakeChime, RecordedRequest } from '../../support/fake-chime';
import { ROOT } from '../../support/fixtures';

const APP = 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1';
const FLOW = `${APP}/channel-flow/flow-1`;
const BEARER = `${APP}/user/admin`;
const channel = (n: number) => `${APP}/channel/c${n}`;

const event = (RequestType: CustomResourceEvent['RequestType'], responseUrl = 'http://127.0.0.1:1/response'): CustomResourceEvent => ({
  RequestType,
  ResponseURL: responseUrl,
  StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/Chat/1',
  RequestId: 'req-1',
  LogicalResourceId: 'FlowDisassociation',
  PhysicalResourceId: RequestType === 'Create' ? undefined : FLOW,
  ResourceProperties: { ChannelFlowArn: FLOW, ChimeBearer: BEARER, FlowLogicalId: 'FlowA74D6E88' },
});

/**
 * The messaging endpoints the handler calls, played on 127.0.0.1: three channels associated,
 * listed two a page; disassociating c1 is throttled once; c2 turns out to be disassociated
 * already (404); `forbid` answers 403 for a channel; `ignore` accepts but leaves the channels
 * associated, as a call the service took from a bearer without the right would. CloudFormation
 * (for the bundle) says the stack is being deleted.
 */
function messagingStub(options: { forbid?: string; flowGone?: boolean; ignore?: boolean } = {}) {
  const associated = [channel(1), channel(2), channel(3)];
  const throttled = new Set<string>();
  return (request: RecordedRequest): Answer => {
    const url = new URL(request.url, 'http://stub');
    if (request.method === 'PUT') return { status: 200 };
    if (request.method === 'POST' && request.body.includes('Action=DescribeStacks')) {
      return {
        status: 200,
        headers: { 'content-type': 'text/xml' },
        rawBody: '<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>'
          + '<StackName>Chat</StackName><StackId>arn:aws:cloudformation:us-east-1:111122223333:stack/Chat/1</StackId>'
          + '<StackStatus>DELETE_IN_PROGRESS</StackStatus><CreationTime>2026-11-24T00:00:00Z</CreationTime></member></Stacks>'
          + '</DescribeStacksResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeStacksResponse>',
      };
    }
    if (request.method === 'GET' && url.pathname === '/channels') {
      if (options.flowGone) return fault(404, 'NotFoundException', 'The channel flow does not exist');
      const second = url.searchParams.get('next-token') === 'page-2';
      const page = associated.slice(second ? 2 : 0, second ? undefined : 2).map((arn) => ({ ChannelArn: arn, Name: arn.split('/').pop() }));
      return { status: 200, body: { Channels: page, ...(!second && associated.length > 2 ? { NextToken: 'page-2' } : {}) } };
    }
    if (request.method === 'DELETE') {
      const channelArn = decodeURIComponent(url.pathname.split('/')[2]);
      if (channelArn === options.forbid) return fault(403, 'ForbiddenException', 'The bearer is not an admin or a moderator');
      if (channelArn === channel(1) && !throttled.has(channelArn)) {
        throttled.add(channelArn);
        return fault(429, 'ThrottledClientException', 'Rate exceeded');
      }
      if (!options.ignore) associated.splice(associated.indexOf(channelArn), 1);
      if (channelArn === channel(2)) return fault(404, 'NotFoundException', 'The channel flow is not associated with the channel');
      return { status: 204 };
    }
    return fault(400, 'BadRequestException', `unexpected ${request.method} ${request.url}`);
  };
}

/** CloudFormation's view of the stack, as each lifecycle case has it. */
const stackOf = (status: string, template: string[] = ['FlowA74D6E88'], physical: string | undefined = FLOW) => ({
  status: async () => status,
  templateHas: async (_: string, logicalId: string) => template.includes(logicalId),
  physicalId: async () => physical,
});

describe('the disassociation custom resource, through the AWS SDK client against a local stub', () => {
  const chime = new FakeChime();
  let client: ChimeSDKMessagingClient;
  beforeAll(async () => {
    await chime.start();
    client = new ChimeSDKMessagingClient({
      region: 'us-east-1', endpoint: chime.endpoint, maxAttempts: 3, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await chime.stop();
  });
  const ports = (stack = stackOf('DELETE_IN_PROGRESS')) => ({ messaging: messagingOf(client), stack, hasTime: () => true });
  const deletes = () => chime.requests.filter((r) => r.method === 'DELETE');

  test('on Delete, lists every page and disassociates each channel as the admin bearer, a throttle retried', async () => {
    chime.respondWith(messagingStub());
    const response = await handleEvent(event('Delete'), ports());
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: FLOW, Reason: `disassociated 3 channels from ${FLOW}` });
    const lists = chime.requests.filter((r) => r.method === 'GET');
    // Two pages, then one more listing that finds none left.
    expect(lists.map((r) => new URL(r.url, 'http://stub').searchParams.get('channel-flow-arn'))).toEqual([FLOW, FLOW, FLOW]);
    expect(deletes().map((r) => decodeURIComponent(r.url.split('/')[2]))).toEqual([channel(1), channel(1), channel(2), channel(3)]);
    expect(deletes().every((r) => r.headers['x-amz-chime-bearer'] === BEARER)).toBe(true);
    expect(deletes()[0].url).toBe(`/channels/${encodeURIComponent(channel(1))}/channel-flow/${encodeURIComponent(FLOW)}`);
  });

  test('after a replacement, the delete is for the old flow: its physical id, not the new flow in its properties', async () => {
    chime.respondWith(messagingStub());
    const oldFlow = `${APP}/channel-flow/flow-0`;
    const response = await handleEvent({ ...event('Delete'), PhysicalResourceId: oldFlow }, ports());
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldFlow, Reason: `disassociated 3 channels from ${oldFlow}` });
    expect(deletes().every((r) => r.url.endsWith(`/channel-flow/${encodeURIComponent(oldFlow)}`))).toBe(true);
  });

  test.each([
    ['the stack is deleted', stackOf('DELETE_IN_PROGRESS'), 3],
    ['its creation is rolled back', stackOf('ROLLBACK_IN_PROGRESS'), 3],
    ['the flow is removed from the stack', stackOf('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', []), 3],
    ['the flow was replaced (the stack has another ARN for it)', stackOf('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', undefined, `${APP}/channel-flow/flow-2`), 3],
    ['only this resource is removed (adminBearerArn dropped): the flow stays', stackOf('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'), 0],
    ['a rollback removes only this resource: the flow stays', stackOf('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'), 0],
  ])('when %s, channels are disassociated only if the flow goes away', async (_, stack, disassociated) => {
    chime.respondWith(messagingStub());
    const response = await handleEvent(event('Delete'), ports(stack));
    expect(response.Status).toBe('SUCCESS');
    expect(new Set(deletes().map((r) => r.url)).size).toBe(disassociated);
    if (disassociated === 0) expect(response.Reason).toBe(`the flow ${FLOW} stays in the stack: its channels are left associated`);
  });

  test('channels still associated after their disassociation fail the delete, asking about the bearer', async () => {
    chime.respondWith(messagingStub({ ignore: true }));
    const response = await handleEvent(event('Delete'), ports());
    expect(response).toMatchObject({ Status: 'FAILED' });
    expect(response.Reason).toBe(`3 channels are still associated with ${FLOW} after disassociating them as ${BEARER}, for example ${channel(1)}: `
      + 'is the bearer an AppInstanceAdmin of the app instance?');
  });

  test('a real failure fails the delete, naming the channel and the error', async () => {
    chime.respondWith(messagingStub({ forbid: channel(3) }));
    const response = await handleEvent(event('Delete'), ports());
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toBe(`could not disassociate channel ${channel(3)} from ${FLOW} as ${BEARER}: ForbiddenException: The bearer is not an admin or a moderator`);
  });

  test('a flow already gone is done', async () => {
    chime.respondWith(messagingStub({ flowGone: true }));
    expect(await handleEvent(event('Delete'), ports())).toMatchObject({ Status: 'SUCCESS', Reason: `disassociated 0 channels from ${FLOW}` });
    expect(deletes()).toEqual([]);
  });

  test('out of time, it stops and says how far it got, so a retried delete goes on', async () => {
    chime.respondWith(messagingStub());
    let calls = 0;
    const response = await handleEvent(event('Delete'), { messaging: messagingOf(client), stack: stackOf('DELETE_IN_PROGRESS'), hasTime: () => calls++ < 3 });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: `ran out of time after disassociating 1 of 3 channels from ${FLOW}; retry the delete to go on` });
  });

  test.each([['Create'], ['Update']] as const)('%s does nothing and names the flow as the physical id', async (type) => {
    chime.respondWith(messagingStub());
    expect(await handleEvent(event(type), ports())).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: FLOW });
    expect(chime.requests).toEqual([]);
  });

  test('the bundle in assets/ answers CloudFormation at the response URL', async () => {
    chime.respondWith(messagingStub());
    const program = `require(${JSON.stringify(path.join(ROOT, 'assets', 'disassociate', 'index.js'))})
      .handler(${JSON.stringify(event('Delete', `${chime.endpoint}/response?signed=1`))}, { getRemainingTimeInMillis: () => 300000 })
      .catch((e) => { console.error(e); process.exitCode = 1; });`;
    await promisify(execFile)(process.execPath, ['-e', program], {
      env: {
        PATH: process.env.PATH!,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: chime.endpoint,
        AWS_ENDPOINT_URL_CLOUDFORMATION: chime.endpoint,
      },
    });
    const put = chime.requests.find((r) => r.method === 'PUT')!;
    expect(put.url).toBe('/response?signed=1');
    expect(JSON.parse(put.body)).toEqual({
      Status: 'SUCCESS',
      Reason: `disassociated 3 channels from ${FLOW}`,
      PhysicalResourceId: FLOW,
      StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/Chat/1',
      RequestId: 'req-1',
      LogicalResourceId: 'FlowDisassociation',
    });
  });

  test('reads the stack through the CloudFormation client: its template, the flow\'s physical id, and a logical id it does not have', async () => {
    const xml = (action: string, result: string) => ({
      status: 200,
      headers: { 'content-type': 'text/xml' },
      rawBody: `<${action}Response xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><${action}Result>${result}</${action}Result>`
        + `<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`,
    });
    chime.respondWith((request) => {
      const form = new URLSearchParams(request.body);
      if (form.get('Action') === 'GetTemplate') {
        return xml('GetTemplate', `<TemplateBody>${JSON.stringify({ Resources: { FlowA74D6E88: {} } }).replace(/"/g, '&quot;')}</TemplateBody>`);
      }
      if (form.get('Action') === 'DescribeStackResource' && form.get('LogicalResourceId') === 'FlowA74D6E88') {
        return xml('DescribeStackResource', '<StackResourceDetail><LogicalResourceId>FlowA74D6E88</LogicalResourceId>'
          + `<PhysicalResourceId>${FLOW}</PhysicalResourceId><ResourceType>AWS::Chime::ChannelFlow</ResourceType>`
          + '<LastUpdatedTimestamp>2026-11-24T00:00:00Z</LastUpdatedTimestamp><ResourceStatus>CREATE_COMPLETE</ResourceStatus></StackResourceDetail>');
      }
      return {
        status: 400,
        headers: { 'content-type': 'text/xml' },
        rawBody: '<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code>'
          + '<Message>Resource Gone does not exist for stack Chat</Message></Error><RequestId>r</RequestId></ErrorResponse>',
      };
    });
    const cloudFormation = new CloudFormationClient({
      region: 'us-east-1', endpoint: chime.endpoint, maxAttempts: 1, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    try {
      const stack = stackStateOf(cloudFormation);
      expect(await stack.templateHas('stack-1', 'FlowA74D6E88')).toBe(true);
      expect(await stack.templateHas('stack-1', 'Gone')).toBe(false);
      expect(await stack.physicalId('stack-1', 'FlowA74D6E88')).toBe(FLOW);
      expect(await stack.physicalId('stack-1', 'Gone')).toBeUndefined();
    } finally {
      cloudFormation.destroy();
    }
  });
});

