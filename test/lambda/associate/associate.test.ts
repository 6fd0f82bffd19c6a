import * as path from 'path';
import { fault } from '../../support/fake-chime';
import {
  FakeStackServices, FUNCTION_ARN, runBundle, STUB_BEARER, STUB_FLOW, STUB_NEW_FLOW, STUB_STACK_ID, stubChannel,
} from '../../support/fake-stack-services';
import { ROOT } from '../../support/fixtures';

const BUNDLE = path.join(ROOT, 'assets', 'associate', 'index.js');
const properties = (channelArn = stubChannel(1), flow = STUB_FLOW, policy = 'Delete') =>
  ({ ServiceToken: FUNCTION_ARN, ChannelArn: channelArn, ChannelFlowArn: flow, ChimeBearer: STUB_BEARER, FlowDeletionPolicy: policy });
const stack = (status: string) => ({ status, template: { Resources: {} }, physicalIds: {} });

describe('the pre-bundled association handler, against the messaging and CloudFormation APIs on 127.0.0.1', () => {
  const services = new FakeStackServices(stack('UPDATE_IN_PROGRESS'), { channels: [] });
  beforeAll(() => services.start());
  afterAll(() => services.stop());
  afterEach(() => expect(services.violations).toEqual([]));

  const event = (RequestType: string, props: object, extra: object = {}) => ({
    RequestType,
    ResponseURL: `${services.endpoint}/response`,
    StackId: STUB_STACK_ID,
    RequestId: `r-${RequestType}`,
    LogicalResourceId: 'FlowGeneral',
    ResourceType: 'Custom::ChannelFlowAssociation',
    ResourceProperties: props,
    ...extra,
  });
  const answers = () => services.answers.map((body) => JSON.parse(body));
  const calls = () => services.requests.filter((r) => r.url.startsWith('/channels/')).map((r) => `${r.method} ${decodeURIComponent(r.url)}`);

  test('create associates; a new channel is a new physical id, and the old one\'s delete disassociates it', async () => {
    services.use(stack('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'), { channels: [] });
    await runBundle(services, [
      event('Create', properties()),
      event('Update', properties(stubChannel(2)), { PhysicalResourceId: stubChannel(1), OldResourceProperties: properties() }),
      event('Delete', properties(), { PhysicalResourceId: stubChannel(1) }),
    ], 60_000, BUNDLE);
    expect(answers().map((a) => [a.Status, a.PhysicalResourceId])).toEqual([['SUCCESS', stubChannel(1)], ['SUCCESS', stubChannel(2)], ['SUCCESS', stubChannel(1)]]);
    expect(services.associated).toEqual([stubChannel(2)]);
    expect(services.requests.filter((r) => r.url.startsWith('/channels/')).every((r) => r.headers['x-amz-chime-bearer'] === STUB_BEARER)).toBe(true);
    expect(await services.unsignedRequests()).toEqual([]);
  });

  test('a replaced flow takes the channel from the old one, keeping the physical id', async () => {
    services.use(stack('UPDATE_IN_PROGRESS'), { channels: [stubChannel(1)] });
    await runBundle(services, [event('Update', properties(stubChannel(1), STUB_NEW_FLOW), { PhysicalResourceId: stubChannel(1), OldResourceProperties: properties() })], 60_000, BUNDLE);
    expect(answers()[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: stubChannel(1) });
    expect(calls()).toEqual([`DELETE /channels/${stubChannel(1)}/channel-flow/${STUB_FLOW}`, `PUT /channels/${stubChannel(1)}/channel-flow`]);
    expect(JSON.parse(services.requests.find((r) => r.method === 'PUT' && r.url.includes('/channel-flow'))!.body)).toEqual({ ChannelFlowArn: STUB_NEW_FLOW });
  });

  test.each([
    ['the stack is deleted and the flow retained: the channel keeps its flow', 'DELETE_IN_PROGRESS', 'Retain', [stubChannel(1)]],
    ['the stack is deleted with the flow', 'DELETE_IN_PROGRESS', 'Delete', []],
    ['the association is removed from the stack', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'Retain', []],
  ])('on delete, when %s', async (_, status, policy, left) => {
    services.use(stack(status), { channels: [stubChannel(1)] });
    await runBundle(services, [event('Delete', properties(stubChannel(1), STUB_FLOW, policy), { PhysicalResourceId: stubChannel(1) })], 60_000, BUNDLE);
    expect(answers()[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: stubChannel(1) });
    expect(services.associated).toEqual(left);
  });

  test('a channel already disassociated is done; a resource whose create failed does nothing and keeps its id', async () => {
    services.use(stack('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'), { channels: [] });
    await runBundle(services, [
      event('Delete', properties(), { PhysicalResourceId: stubChannel(1) }),
      event('Delete', properties(), { PhysicalResourceId: 'Chat-FlowGeneral-XYZ' }),
    ], 60_000, BUNDLE);
    expect(answers().map((a) => [a.Status, a.PhysicalResourceId])).toEqual([['SUCCESS', stubChannel(1)], ['SUCCESS', 'Chat-FlowGeneral-XYZ']]);
  });

  test('throttles are ridden out; a conflict that never ends fails, asking whether the channel has another flow', async () => {
    services.use(stack('UPDATE_IN_PROGRESS'), {
      channels: [],
      disassociateFault: (arn, attempt) => (arn === stubChannel(1) && attempt <= 2 ? fault(429, 'ThrottledClientException')
        : arn === stubChannel(2) ? fault(409, 'ConflictException', 'The channel has a channel flow') : undefined),
    });
    await runBundle(services, [event('Create', properties(stubChannel(1))), event('Create', properties(stubChannel(2)))], 23_000, BUNDLE);
    expect(answers()[0]).toMatchObject({ Status: 'SUCCESS' });
    expect(answers()[1]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: stubChannel(2) });
    expect(answers()[1].Reason).toMatch(/^could not associate .*c2 and .*flow-1 as .*: ConflictException \(HTTP 409\): The channel has a channel flow \(does the channel have another channel flow/);
  });
});
