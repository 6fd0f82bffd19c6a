import { App, CfnDeletionPolicy, RemovalPolicies, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { fitResponse } from '../../../lambda/shared/cfn-response';
import { ChannelFlow } from '../../../src';
import { CUSTOM_RESOURCE_LIMITS } from '../../../src/core/limits';
import { fault } from '../../support/fake-chime';
import {
  FakeStackServices, FUNCTION_ARN, runBundle, STUB_APP, STUB_BEARER, STUB_FLOW, STUB_NEW_FLOW, STUB_STACK_ID, stubChannel, StackScenario,
} from '../../support/fake-stack-services';

const channels = (count: number) => Array.from({ length: count }, (_, i) => stubChannel(i + 1));

/**
 * A stack synthesized with the library, changed as a lifecycle case changes it: its template,
 * the flow's logical id, and the disassociation resource's properties as CloudFormation sends
 * them (the flow's ARN resolved).
 */
function synthesized(configure: (flow: ChannelFlow, stack: Stack) => void = () => {}, adminBearerArn: string | undefined = STUB_BEARER) {
  const stack = new Stack(new App(), 'Chat');
  const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: STUB_APP, adminBearerArn });
  configure(flow, stack);
  const template = Template.fromStack(stack).toJSON() as { Resources: Record<string, any> };
  const flowId = Object.keys(template.Resources).find((id) => template.Resources[id].Type === 'AWS::Chime::ChannelFlow')!;
  const resourceId = Object.keys(template.Resources).find((id) => template.Resources[id].Type === 'Custom::ChannelFlowDisassociation');
  const properties = resourceId ? { ...template.Resources[resourceId].Properties, ChannelFlowArn: STUB_FLOW, ServiceToken: FUNCTION_ARN } : undefined;
  return { template, flowId, resourceId, properties };
}

type Resources = { Resources: Record<string, any> };
const stackWith = (status: string, template: Resources, physicalIds: Record<string, string>, retainExceptOnCreate = false): StackScenario =>
  ({ status, template, physicalIds, retainExceptOnCreate });

function cfnEvent(services: FakeStackServices, RequestType: 'Create' | 'Update' | 'Delete', properties: Record<string, unknown>, PhysicalResourceId?: string) {
  return {
    RequestType,
    ServiceToken: FUNCTION_ARN,
    ResponseURL: `${services.endpoint}/response?X-Amz-Signature=abc`,
    StackId: STUB_STACK_ID,
    RequestId: `req-${RequestType}`,
    LogicalResourceId: 'FlowDisassociation',
    ResourceType: 'Custom::ChannelFlowDisassociation',
    ...(PhysicalResourceId !== undefined ? { PhysicalResourceId } : {}),
    ResourceProperties: properties,
  };
}

describe('the pre-bundled disassociation handler, against the messaging, CloudFormation and Lambda APIs on 127.0.0.1', () => {
  const services = new FakeStackServices(stackWith('DELETE_IN_PROGRESS', { Resources: {} }, {}), { channels: [] });
  beforeAll(() => services.start());
  afterAll(() => services.stop());
  afterEach(() => expect(services.violations).toEqual([]));

  /** The answers CloudFormation received; each within its limit in bytes. */
  const answers = () => services.answers.map((body) => {
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(CUSTOM_RESOURCE_LIMITS.responseMaxBytes);
    return JSON.parse(body);
  });
  const disassociations = () => services.requests.filter((r) => r.method === 'DELETE');

  const before = synthesized();
  const retained = synthesized((flow) => flow.applyRemovalPolicy(RemovalPolicy.RETAIN));
  const retainedExceptOnCreate = synthesized((flow) => flow.applyRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE));
  const retainedByAspect = synthesized((_, stack) => RemovalPolicies.of(stack).retain());
  const retainedOnDeleteOnly = synthesized((flow) => { flow.cfnChannelFlow.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN; });
  const moved = synthesized((flow) => flow.cfnChannelFlow.overrideLogicalId('MovedFlow'));
  const withoutBearer = synthesized(() => {}, undefined);
  const movedWithoutBearer = synthesized((flow) => flow.cfnChannelFlow.overrideLogicalId('MovedFlow'), undefined);
  const empty = { Resources: {} };

  // Each case: the stack before (whose resource is deleted), the flow that resource stands for,
  // the stack as CloudFormation describes it then, and whether the flow's channels are taken.
  test.each([
    ['cdk destroy', 'taken', before, STUB_FLOW, stackWith('DELETE_IN_PROGRESS', before.template, { [before.flowId]: STUB_FLOW })],
    ['cdk destroy of a flow with RemovalPolicy.RETAIN', 'kept', retained, STUB_FLOW, stackWith('DELETE_IN_PROGRESS', retained.template, { [retained.flowId]: STUB_FLOW })],
    ['cdk destroy of a flow with RETAIN_ON_UPDATE_OR_DELETE', 'kept', retainedExceptOnCreate, STUB_FLOW,
      stackWith('DELETE_IN_PROGRESS', retainedExceptOnCreate.template, { [retainedExceptOnCreate.flowId]: STUB_FLOW })],
    ['cdk destroy after RemovalPolicies.of(stack).retain()', 'kept', retainedByAspect, STUB_FLOW,
      stackWith('DELETE_IN_PROGRESS', retainedByAspect.template, { [retainedByAspect.flowId]: STUB_FLOW })],
    ['the flow removed from the stack', 'taken', before, STUB_FLOW, stackWith('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', empty, {})],
    ['the flow, retained, removed from the stack to move it', 'kept', retained, STUB_FLOW, stackWith('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', empty, {})],
    ['adminBearerArn removed', 'kept', before, STUB_FLOW, stackWith('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', withoutBearer.template, { [withoutBearer.flowId]: STUB_FLOW })],
    ['adminBearerArn removed from a flow whose logical id is overridden', 'kept', moved, STUB_FLOW,
      stackWith('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', movedWithoutBearer.template, { MovedFlow: STUB_FLOW })],
    ['the flow replaced: the old one goes', 'taken', before, STUB_FLOW, stackWith('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', before.template, { [before.flowId]: STUB_NEW_FLOW })],
    ['the flow replaced with UpdateReplacePolicy Retain: the old one stays', 'kept', retained, STUB_FLOW,
      stackWith('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', retained.template, { [retained.flowId]: STUB_NEW_FLOW })],
    ['a failed update that added adminBearerArn, rolled back', 'kept', before, STUB_FLOW,
      stackWith('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', withoutBearer.template, { [withoutBearer.flowId]: STUB_FLOW })],
    ['a failed update that replaced the flow, rolled back: the replacement goes', 'taken', before, STUB_NEW_FLOW,
      stackWith('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', before.template, { [before.flowId]: STUB_FLOW })],
    ['a failed update that replaced a retained flow, rolled back: the replacement stays', 'kept', retained, STUB_NEW_FLOW,
      stackWith('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', retained.template, { [retained.flowId]: STUB_FLOW })],
    ['a failed update that added a retained flow, rolled back with RetainExceptOnCreate set on the stack', 'taken', retained, STUB_FLOW,
      stackWith('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', empty, {}, true)],
    ['a failed update that replaced a flow retained on delete only, rolled back: its DeletionPolicy counts too', 'kept', retainedOnDeleteOnly, STUB_NEW_FLOW,
      stackWith('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', retainedOnDeleteOnly.template, { [retainedOnDeleteOnly.flowId]: STUB_FLOW })],
    ['the stack\'s creation rolled back', 'taken', before, STUB_FLOW, stackWith('ROLLBACK_IN_PROGRESS', before.template, { [before.flowId]: STUB_FLOW })],
    ['the stack\'s creation rolled back, the flow retained', 'kept', retained, STUB_FLOW, stackWith('ROLLBACK_IN_PROGRESS', retained.template, { [retained.flowId]: STUB_FLOW })],
    ['the stack\'s creation rolled back, the flow with RETAIN_ON_UPDATE_OR_DELETE', 'taken', retainedExceptOnCreate, STUB_FLOW,
      stackWith('ROLLBACK_IN_PROGRESS', retainedExceptOnCreate.template, { [retainedExceptOnCreate.flowId]: STUB_FLOW })],
  ] as const)('%s: the channels are %s', async (_, fate, stackBefore, target, stack) => {
    services.use(stack, { channels: channels(3) });
    await runBundle(services, [cfnEvent(services, 'Delete', stackBefore.properties!, target)]);
    const [answer] = answers();
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: target, StackId: STUB_STACK_ID, RequestId: 'req-Delete', LogicalResourceId: 'FlowDisassociation' });
    if (fate === 'kept') {
      expect(disassociations()).toEqual([]);
      expect(services.associated).toEqual(channels(3));
      expect(answer.Reason).toMatch(/: the channels of .* are left associated$/);
    } else {
      expect(services.associated).toEqual([]);
      expect(answer.Reason).toMatch(/: disassociated 3 channels from /);
      expect(disassociations().every((r) => r.headers['x-amz-chime-bearer'] === STUB_BEARER && r.url.endsWith(`/channel-flow/${encodeURIComponent(target)}`))).toBe(true);
    }
    expect(await services.unsignedRequests()).toEqual([]);
  });

  const deleting = stackWith('DELETE_IN_PROGRESS', before.template, { [before.flowId]: STUB_FLOW });
  const deleteEvent = (properties: Record<string, unknown> = before.properties!, extra: Record<string, unknown> = {}) =>
    ({ ...cfnEvent(services, 'Delete', properties, STUB_FLOW), ...extra });

  test('Create and Update name the flow as the physical id and touch nothing; a Delete keeps the physical id it was sent', async () => {
    services.use(deleting, { channels: channels(3) });
    const updated = { ...before.properties, ChannelFlowArn: STUB_NEW_FLOW };
    await runBundle(services, [
      cfnEvent(services, 'Create', before.properties!),
      cfnEvent(services, 'Update', updated, STUB_FLOW),
      // A resource whose Create failed has no flow for its physical id: nothing to do, and its id is kept.
      cfnEvent(services, 'Delete', before.properties!, 'Chat-FlowDisassociation-1A2B3C'),
    ]);
    expect(answers().map((a) => [a.Status, a.PhysicalResourceId])).toEqual([['SUCCESS', STUB_FLOW], ['SUCCESS', STUB_NEW_FLOW], ['SUCCESS', 'Chat-FlowDisassociation-1A2B3C']]);
    expect(services.requests.filter((r) => r.method !== 'PUT')).toEqual([]);
  });

  test('200 channels each failing twice with a 500 are all disassociated, and again in the same warm container', async () => {
    services.use(deleting, {
      channels: channels(200),
      disassociateFault: (_, attempt) => (attempt <= 2 ? fault(500, 'ServiceFailureException', 'internal error') : undefined),
      // Once the first delete has checked that none is left, 200 more for the second.
      afterListing: (listing, associated) => { if (listing === 2) associated.push(...channels(400).slice(200)); },
    });
    const properties = { ...before.properties, Concurrency: '50' };
    await runBundle(services, [deleteEvent(properties), deleteEvent(properties)], 60_000);
    expect(answers().map((a) => [a.Status, /disassociated (\d+) channels from/.exec(a.Reason)?.[1]])).toEqual([['SUCCESS', '200'], ['SUCCESS', '200']]);
    expect(services.associated).toEqual([]);
    expect(disassociations()).toHaveLength(1200);
  });

  test('a 5-second window of 503s is ridden out within the deadline', async () => {
    const start = Date.now();
    services.use(deleting, {
      channels: channels(50),
      disassociateFault: () => (Date.now() - start < 5_000 ? fault(503, 'ServiceUnavailableException', 'unavailable') : undefined),
    });
    await runBundle(services, [deleteEvent()], 60_000);
    expect(answers()[0]).toMatchObject({ Status: 'SUCCESS', Reason: expect.stringMatching(/disassociated 50 channels/) });
  });

  test('a 409 is retried; channels found disassociated already are counted apart', async () => {
    const stale = new Set([stubChannel(2), stubChannel(3)]);
    services.use(deleting, {
      channels: channels(4),
      disassociateFault: (arn, attempt) => (stale.has(arn) ? fault(404, 'NotFoundException', 'not associated')
        : attempt === 1 ? fault(409, 'ConflictException', 'in progress') : undefined),
      // The listing saw c2 and c3, which were disassociated before their turn.
      afterListing: (listing, associated) => { if (listing === 1) associated.splice(1, 2); },
    });
    await runBundle(services, [deleteEvent()]);
    expect(answers()[0].Reason).toMatch(/disassociated 2 channels \(2 more were disassociated already\) from /);
  });

  test('a channel associated during the run is disassociated too, by the next listing', async () => {
    services.use(deleting, {
      channels: channels(3),
      afterListing: (listing, associated) => { if (listing === 1) associated.push(stubChannel(4)); },
    });
    await runBundle(services, [deleteEvent()]);
    expect(answers()[0]).toMatchObject({ Status: 'SUCCESS', Reason: expect.stringMatching(/disassociated 4 channels from/) });
    expect(services.associated).toEqual([]);
  });

  test('channels that keep coming back fail the delete after a few rounds, saying so rather than blaming the bearer', async () => {
    services.use(deleting, {
      channels: channels(2),
      beforeListing: (listing, associated) => { if (listing > 1 && associated.length === 0) associated.push(stubChannel(1)); },
    });
    await runBundle(services, [deleteEvent()]);
    expect(answers()[0].Status).toBe('FAILED');
    expect(answers()[0].Reason).toMatch(/1 channels are still associated with .* after 5 rounds, for example .*c1: 1 of them were associated again after their disassociation here/);
    expect(answers()[0].Reason).not.toMatch(/admin/i);
  });

  test.each([
    ['repeats its NextToken', () => ({ status: 200, body: { Channels: [{ ChannelArn: stubChannel(1) }], NextToken: 'same' } }), /repeated a NextToken on page 2/],
    ['never ends (a new token, an empty page)', (_: unknown, page: number) => ({ status: 200, body: { Channels: [], NextToken: `n${page}` } }), /went on past 2000 pages/],
  ])('a listing that %s fails the delete within seconds, in little memory', async (_, listPage, reason) => {
    services.use(deleting, { channels: channels(3), listPage });
    const started = Date.now();
    const { peakMb } = await runBundle(services, [deleteEvent()]);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(peakMb).toBeLessThan(150);
    expect(answers()[0]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: STUB_FLOW, Reason: expect.stringMatching(reason) });
    expect(disassociations()).toEqual([]);
  });

  test('a failure names the channel and the error, and its answer stays within 4,096 bytes however the reason escapes', async () => {
    const message = '"\u0001\u{1F600}'.repeat(2000);
    services.use(deleting, { channels: channels(3), disassociateFault: (arn) => (arn === stubChannel(2) ? fault(403, 'ForbiddenException', message) : undefined) });
    await runBundle(services, [deleteEvent({ ...before.properties, Concurrency: '1' })]);
    const [answer] = answers();
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: STUB_FLOW });
    expect(answer.Reason).toMatch(new RegExp(`^could not disassociate channel ${stubChannel(2)} from ${STUB_FLOW} as ${STUB_BEARER}: ForbiddenException \\(HTTP 403\\): "`));
    expect(answer.Reason.endsWith('\u2026')).toBe(true);
  });

  test('out of CloudFormation\'s time, it says how far it got, not which call was aborted', async () => {
    services.use(deleting, { channels: channels(20), delayMs: 400 });
    // The first invocation started almost an hour ago: CloudFormation's wait ends in two seconds.
    const startedAt = Date.now() - (3600_000 - 120_000) + 2_000;
    await runBundle(services, [deleteEvent({ ...before.properties, Concurrency: '1' }, { Continuation: { startedAt, invocation: 4, progress: { disassociated: 100, alreadyGone: 0 }, stackStatus: 'DELETE_IN_PROGRESS' } })]);
    const [answer] = answers();
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^ran out of time after (\d+) of 120 known channels of .* \(disassociated \d+ channels\); delete again to go on$/);
    expect(answer.Reason).not.toMatch(/Abort/);
  });

  test('10,000 channels answering in 20 ms are all disassociated, never more than the configured 50 in flight', async () => {
    services.use(deleting, { channels: channels(10_000), delayMs: 20 });
    await runBundle(services, [deleteEvent({ ...before.properties, Concurrency: '50' })]);
    expect(answers()[0]).toMatchObject({ Status: 'SUCCESS', Reason: expect.stringMatching(/disassociated 10000 channels from/) });
    expect(services.associated).toEqual([]);
    expect(services.peakInFlight).toBeLessThanOrEqual(50);
    expect(services.peakInFlight).toBeGreaterThan(25);
    expect(await services.unsignedRequests(500)).toEqual([]);
  }, 60_000);

  test('a flow with more channels than one invocation can take is carried on by the next ones, which answer once', async () => {
    services.use(deleting, { channels: channels(300), delayMs: 20 });
    let event: unknown = deleteEvent({ ...before.properties, Concurrency: '2' });
    let invocations = 0;
    while (event && invocations < 10) {
      invocations++;
      const handed = services.invocations.length;
      // Each invocation has a second and a half for its calls, after the time it keeps to answer.
      await runBundle(services, [event], 31_500);
      event = services.invocations[handed];
    }
    expect(invocations).toBeGreaterThan(1);
    expect(services.invocations.every((e) => e.Continuation.startedAt === services.invocations[0].Continuation.startedAt)).toBe(true);
    expect(answers()).toHaveLength(1);
    expect(answers()[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: STUB_FLOW, Reason: expect.stringMatching(/disassociated 300 channels from/) });
    expect(services.associated).toEqual([]);
    expect(services.requests.filter((r) => r.url.startsWith('/2015-03-31/functions/'))
      .every((r) => r.url === `/2015-03-31/functions/${encodeURIComponent(FUNCTION_ARN)}/invocations`)).toBe(true);
  }, 60_000);

  test('a continuation whose stack has moved on (the delete was answered, or CloudFormation gave up) stops without a word', async () => {
    services.use(stackWith('DELETE_FAILED', before.template, { [before.flowId]: STUB_FLOW }), { channels: channels(3) });
    const continuation = { startedAt: Date.now() - 60_000, invocation: 2, progress: { disassociated: 5, alreadyGone: 0 }, stackStatus: 'DELETE_IN_PROGRESS' };
    await runBundle(services, [deleteEvent(before.properties, { Continuation: continuation })]);
    expect(services.answers).toEqual([]);
    expect(disassociations()).toEqual([]);
  });

  test('an Invoke that fails with a fault is not retried (Lambda may have taken it): the delete answers FAILED, once', async () => {
    services.use(deleting, { channels: channels(300), delayMs: 20, invokeFault: () => fault(500, 'ServiceException', 'internal') });
    await runBundle(services, [deleteEvent({ ...before.properties, Concurrency: '2' })], 31_500);
    expect(services.requests.filter((r) => r.url.startsWith('/2015-03-31/functions/'))).toHaveLength(1);
    expect(answers()).toHaveLength(1);
    expect(answers()[0]).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/^could not hand the delete to the next invocation after \d+ channels of .*ServiceException \(HTTP 500\)/) });
  });

  test('throttling halves the calls in flight, and every channel is still disassociated', async () => {
    let throttles = 0;
    services.use(deleting, {
      channels: channels(300),
      delayMs: 10,
      disassociateFault: (_, __, inFlight) => (inFlight > 4 ? (throttles++, fault(429, 'ThrottledClientException', 'slow down')) : undefined),
    });
    await runBundle(services, [deleteEvent({ ...before.properties, Concurrency: '20' })], 90_000);
    expect(answers()[0]).toMatchObject({ Status: 'SUCCESS', Reason: expect.stringMatching(/disassociated 300 channels/) });
    // Backing off keeps the throttles to a fraction of the calls.
    expect(throttles).toBeLessThan(300);
  }, 60_000);
});

describe('fitResponse', () => {
  const response = (Reason: string) => ({ Status: 'FAILED' as const, Reason, PhysicalResourceId: STUB_FLOW, StackId: STUB_STACK_ID, RequestId: 'r', LogicalResourceId: 'L' });
  test.each([
    ['ASCII', 'x'.repeat(10_000)],
    ['quotes and control characters, which JSON escapes', '"\u0001\\'.repeat(3000)],
    ['astral characters, never cut in half', '\u{1F600}'.repeat(3000)],
  ])('cuts a reason of %s so that the body is within 4,096 bytes', (_, reason) => {
    const fitted = fitResponse(response(reason));
    const body = JSON.stringify(fitted);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(body)).toBeGreaterThan(4000);
    // No half of a surrogate pair: the text survives UTF-8 unchanged.
    expect(Buffer.from(fitted.Reason, 'utf8').toString('utf8')).toBe(fitted.Reason);
    expect(reason.startsWith(fitted.Reason.slice(0, -1))).toBe(true);
  });
  test('leaves a short answer as it is', () => expect(fitResponse(response('done'))).toEqual(response('done')));
});
