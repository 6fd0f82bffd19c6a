import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { CustomResourceEvent, handleEvent } from '../../../lambda/disassociate/disassociate';
import { messagingOf } from '../../../lambda/disassociate/index';
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
  ResourceProperties: { ChannelFlowArn: FLOW, ChimeBearer: BEARER },
});

/**
 * The messaging endpoints the handler calls, played on 127.0.0.1: two pages of associated
 * channels; disassociating c1 is throttled once, c2 is already disassociated; `forbid` answers
 * 403 for a channel instead.
 */
function messagingStub(options: { forbid?: string; flowGone?: boolean } = {}) {
  const throttled = new Set<string>();
  return (request: RecordedRequest): Answer => {
    const url = new URL(request.url, 'http://stub');
    if (request.method === 'PUT') return { status: 200 };
    if (request.method === 'GET' && url.pathname === '/channels') {
      if (options.flowGone) return fault(404, 'NotFoundException', 'The channel flow does not exist');
      return url.searchParams.get('next-token') === 'page-2'
        ? { status: 200, body: { Channels: [{ ChannelArn: channel(3), Name: 'c3' }] } }
        : { status: 200, body: { Channels: [{ ChannelArn: channel(1), Name: 'c1' }, { ChannelArn: channel(2), Name: 'c2' }], NextToken: 'page-2' } };
    }
    if (request.method === 'DELETE') {
      const channelArn = decodeURIComponent(url.pathname.split('/')[2]);
      if (channelArn === options.forbid) return fault(403, 'ForbiddenException', 'The bearer is not an admin or a moderator');
      if (channelArn === channel(1) && !throttled.has(channelArn)) {
        throttled.add(channelArn);
        return fault(429, 'ThrottledClientException', 'Rate exceeded');
      }
      if (channelArn === channel(2)) return fault(404, 'NotFoundException', 'The channel flow is not associated with the channel');
      return { status: 204 };
    }
    return fault(400, 'BadRequestException', `unexpected ${request.method} ${request.url}`);
  };
}

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
  const ports = () => ({ messaging: messagingOf(client), hasTime: () => true });
  const deletes = () => chime.requests.filter((r) => r.method === 'DELETE');

  test('on Delete, lists every page and disassociates each channel as the admin bearer, a throttle retried', async () => {
    chime.respondWith(messagingStub());
    const response = await handleEvent(event('Delete'), ports());
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: FLOW, Reason: `disassociated 3 channels from ${FLOW}` });
    const lists = chime.requests.filter((r) => r.method === 'GET');
    expect(lists.map((r) => new URL(r.url, 'http://stub').searchParams.get('channel-flow-arn'))).toEqual([FLOW, FLOW]);
    expect(deletes().map((r) => decodeURIComponent(r.url.split('/')[2]))).toEqual([channel(1), channel(1), channel(2), channel(3)]);
    expect(deletes().every((r) => r.headers['x-amz-chime-bearer'] === BEARER)).toBe(true);
    expect(deletes()[0].url).toBe(`/channels/${encodeURIComponent(channel(1))}/channel-flow/${encodeURIComponent(FLOW)}`);
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
    const response = await handleEvent(event('Delete'), { messaging: messagingOf(client), hasTime: () => calls++ < 1 });
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
});
