import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ChannelFlow } from '../../src';
import { APP_INSTANCE_ARN } from '../support/fixtures';

const BEARER = `${APP_INSTANCE_ARN}/user/admin`;
const channel = (n: number) => `${APP_INSTANCE_ARN}/channel/c${n}`;

describe('associateChannel: channels associated with the flow in the stack', () => {
  function flowWithChannels(configure: (flow: ChannelFlow) => void = () => {}) {
    const stack = new Stack(new App(), 'Chat');
    const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN });
    configure(flow);
    flow.associateChannel('General', channel(1), { bearerArn: BEARER });
    flow.associateChannel('Random', channel(2), { bearerArn: `${APP_INSTANCE_ARN}/bot/helper` });
    return Template.fromStack(stack);
  }

  test('one custom resource each, served by one pre-bundled handler, reading the flow\'s ARN and policy', () => {
    const template = flowWithChannels((flow) => flow.applyRemovalPolicy(RemovalPolicy.RETAIN));
    const associations = Object.values<any>(template.findResources('Custom::ChannelFlowAssociation'));
    expect(associations.map((a) => a.Properties)).toEqual([
      expect.objectContaining({ ChannelArn: channel(1), ChimeBearer: BEARER, FlowDeletionPolicy: 'Retain', ChannelFlowArn: { 'Fn::GetAtt': [expect.stringMatching(/^Flow/), 'Arn'] } }),
      expect.objectContaining({ ChannelArn: channel(2), ChimeBearer: `${APP_INSTANCE_ARN}/bot/helper` }),
    ]);
    expect(new Set(associations.map((a) => JSON.stringify(a.Properties.ServiceToken))).size).toBe(1);
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { Handler: 'index.handler', Description: 'Associates channels with a channel flow (cdk-chime-channel-flow)' }, 1);
  });

  test('its role may associate and disassociate only the channels named, as their bearers, and read its stack', () => {
    const template = flowWithChannels();
    const role = Object.keys(template.findResources('AWS::IAM::Role')).find((id) => id.startsWith('FlowAssociationRole'))!;
    const policy = Object.values<any>(template.findResources('AWS::IAM::Policy')).find((p) => p.Properties.Roles[0].Ref === role)!;
    const statements = policy.Properties.PolicyDocument.Statement.filter((s: any) => !String(s.Action).startsWith('logs:'));
    expect(statements).toEqual([
      { Action: 'cloudformation:DescribeStacks', Effect: 'Allow', Resource: { Ref: 'AWS::StackId' } },
      { Action: ['chime:AssociateChannelFlow', 'chime:DisassociateChannelFlow'], Effect: 'Allow', Resource: [`${APP_INSTANCE_ARN}/channel-flow/*`, channel(1), BEARER] },
      { Action: ['chime:AssociateChannelFlow', 'chime:DisassociateChannelFlow'], Effect: 'Allow', Resource: [`${APP_INSTANCE_ARN}/channel-flow/*`, channel(2), `${APP_INSTANCE_ARN}/bot/helper`] },
    ]);
  });

  test.each([
    [channel(1).replace('/channel/', '/user/'), BEARER, /channelArn: expected a channel ARN/],
    ['arn:aws:chime:us-east-1:111122223333:app-instance/other/channel/c1', BEARER, /channelArn: must be a channel of the flow's app instance/],
    [channel(1), 'arn:aws:chime:us-east-1:111122223333:app-instance/other/user/u', /bearerArn: must be a user or bot of the flow's app instance/],
  ])('refuses %s as %s at synth, naming the prop', (channelArn, bearerArn, error) => {
    const flow = new ChannelFlow(new Stack(new App(), 'Chat'), 'Flow', { appInstanceArn: APP_INSTANCE_ARN });
    expect(() => flow.associateChannel('Bad', channelArn, { bearerArn })).toThrow(error);
  });
});
