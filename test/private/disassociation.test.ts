import * as fs from 'fs';
import * as path from 'path';
import { App, Annotations as ConstructAnnotations, RemovalPolicies, RemovalPolicy, Stack, aws_chime as chime, aws_lambda as lambda } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ChannelFlow } from '../../src';
import { APP_INSTANCE_ARN, ROOT, synthFlow } from '../support/fixtures';

const BEARER = `${APP_INSTANCE_ARN}/user/admin`;

/** A flow without adminBearerArn, not yet synthesized. */
function unsynthesizedFlowWithout() {
  const stack = new Stack(new App(), 'Quiet');
  return { stack, flow: new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN }) };
}

describe('adminBearerArn: channels are disassociated before the flow is deleted', () => {
  test('a custom resource that reads the flow\'s ARN, so CloudFormation deletes it before the flow, run by the pre-bundled handler', () => {
    const { stack, template } = synthFlow({ adminBearerArn: BEARER });
    const [[id, resource]] = Object.entries<any>(template.findResources('Custom::ChannelFlowDisassociation'));
    expect(resource.Properties.ChannelFlowArn['Fn::GetAtt'][1]).toBe('Arn');
    expect(resource.Properties.ChannelFlowArn['Fn::GetAtt'][0]).toBe(stack.getLogicalId(stack.node.findChild('Flow').node.findChild('Resource') as chime.CfnChannelFlow));
    expect(resource.Properties.ChimeBearer).toBe(BEARER);
    // Served by its own function, whose code is the bundle shipped in assets/.
    const handlerId = resource.Properties.ServiceToken['Fn::GetAtt'][0];
    const handler = template.toJSON().Resources[handlerId];
    expect(handler.Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs24.x', Architectures: ['arm64'] });
    const outdir = (stack.node.root as App).outdir;
    const assetDir = path.join(outdir, `asset.${handler.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    expect(fs.readFileSync(path.join(assetDir, 'index.js'))).toEqual(fs.readFileSync(path.join(ROOT, 'assets', 'disassociate', 'index.js')));
    expect(id).toMatch(/^FlowDisassociation/);
  });

  test('its role may list and disassociate on the app instance\'s flows and channels and as the bearer, and read its own stack, only', () => {
    const { template } = synthFlow({ adminBearerArn: BEARER });
    const role = Object.keys(template.findResources('AWS::IAM::Role')).find((id) => id.startsWith('FlowDisassociationRole'))!;
    const policy = Object.values<any>(template.findResources('AWS::IAM::Policy')).find((p) => p.Properties.Roles[0].Ref === role)!;
    const statements = policy.Properties.PolicyDocument.Statement.filter((s: any) => !String(s.Action).startsWith('logs:'));
    expect(statements).toEqual([
      { Action: 'chime:ListChannelsAssociatedWithChannelFlow', Effect: 'Allow', Resource: `${APP_INSTANCE_ARN}/channel-flow/*` },
      { Action: 'chime:DisassociateChannelFlow', Effect: 'Allow', Resource: [`${APP_INSTANCE_ARN}/channel-flow/*`, `${APP_INSTANCE_ARN}/channel/*`, BEARER] },
      { Action: ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate', 'cloudformation:DescribeStackResource'], Effect: 'Allow', Resource: { Ref: 'AWS::StackId' } },
    ]);
    // It may carry an unfinished delete on in a new invocation of itself, through a policy of its own.
    const handlerId = Object.keys(template.findResources('AWS::Lambda::Function')).find((id) => id.startsWith('FlowDisassociationHandler'))!;
    const carryOn = Object.entries<any>(template.findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('FlowDisassociationCarryOnPolicy'))!;
    expect(carryOn[1].Properties).toMatchObject({
      Roles: [{ Ref: role }],
      PolicyDocument: { Statement: [{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [handlerId, 'Arn'] } }] },
    });
    // The handler finds the flow in the stack by its logical id; CloudFormation waits for it up to an hour.
    const [resource] = Object.values<any>(template.findResources('Custom::ChannelFlowDisassociation'));
    expect(resource.Properties.FlowLogicalId).toBe(resource.Properties.ChannelFlowArn['Fn::GetAtt'][0]);
    expect(resource.Properties.ServiceTimeout).toBe('3600');
    expect(resource.DependsOn).toContain(carryOn[0]);
    expect(template.toJSON().Resources[handlerId].Properties.Timeout).toBe(900);
  });

  /** A flow with adminBearerArn, not yet synthesized, so a test can change it first. */
  const unsynthesizedFlow = () => {
    const stack = new Stack(new App(), 'Test');
    return { stack, flow: new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, adminBearerArn: BEARER }) };
  };
  const disassociationProperties = (stack: Stack) => Template.fromStack(stack).toJSON().Resources[
    Object.keys(Template.fromStack(stack).findResources('Custom::ChannelFlowDisassociation'))[0]].Properties;

  test('its properties carry the flow\'s policies as synthesized: none, a removal policy, and an aspect applied later', () => {
    expect(disassociationProperties(synthFlow({ adminBearerArn: BEARER }).stack))
      .toMatchObject({ FlowDeletionPolicy: 'Delete', FlowUpdateReplacePolicy: 'Delete', Concurrency: '10' });

    const retained = unsynthesizedFlow();
    retained.flow.applyRemovalPolicy(RemovalPolicy.RETAIN);
    expect(disassociationProperties(retained.stack)).toMatchObject({ FlowDeletionPolicy: 'Retain', FlowUpdateReplacePolicy: 'Retain' });

    const onCreate = unsynthesizedFlow();
    onCreate.flow.applyRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
    expect(disassociationProperties(onCreate.stack)).toMatchObject({ FlowDeletionPolicy: 'RetainExceptOnCreate', FlowUpdateReplacePolicy: 'Retain' });

    const { stack } = unsynthesizedFlow();
    RemovalPolicies.of(stack).retain();
    const template = Template.fromStack(stack).toJSON();
    const [flowId] = Object.keys(Template.fromStack(stack).findResources('AWS::Chime::ChannelFlow'));
    expect(template.Resources[flowId].DeletionPolicy).toBe('Retain');
    expect(disassociationProperties(stack)).toMatchObject({ FlowDeletionPolicy: 'Retain', FlowUpdateReplacePolicy: 'Retain' });
  });

  test('its FlowLogicalId is the flow\'s logical id in the template, an override included', () => {
    const { stack, flow } = unsynthesizedFlow();
    flow.cfnChannelFlow.overrideLogicalId('MovedFlow');
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::Chime::ChannelFlow'))).toEqual(['MovedFlow']);
    expect(disassociationProperties(stack)).toMatchObject({ FlowLogicalId: 'MovedFlow', ChannelFlowArn: { 'Fn::GetAtt': ['MovedFlow', 'Arn'] } });
  });

  test('without it, nothing is added, and an info annotation says what happens on delete and how to opt in', () => {
    const { stack, template } = synthFlow();
    expect(template.findResources('Custom::ChannelFlowDisassociation')).toEqual({});
    template.resourceCountIs('AWS::Lambda::Function', 1);
    const infos = Annotations.fromStack(stack).findInfo('/Test/Flow', Match.stringLikeRegexp('give adminBearerArn'));
    expect(infos).toHaveLength(1);
    expect(infos[0].entry.data).toMatch(/^Deleting or replacing this channel flow fails while a channel is associated with it/);
    expect(Annotations.fromStack(synthFlow({ adminBearerArn: BEARER }).stack).findInfo('*', Match.stringLikeRegexp('adminBearerArn'))).toEqual([]);
    // It has an id, so a user who knows can acknowledge it.
    const { stack: quiet, flow } = unsynthesizedFlowWithout();
    ConstructAnnotations.of(flow).acknowledgeInfo('cdk-chime-channel-flow:noAdminBearer', 'channels are disassociated by our backend');
    expect(Annotations.fromStack(quiet).findInfo('*', Match.stringLikeRegexp('adminBearerArn'))).toEqual([]);
  });

  test.each([
    ['bob', /adminBearerArn: expected an AppInstanceUser or AppInstanceBot ARN .* got bob/],
    [`${APP_INSTANCE_ARN}/channel/c1`, /adminBearerArn: expected an AppInstanceUser or AppInstanceBot ARN/],
    ['arn:aws:chime:us-east-1:111122223333:app-instance/other/user/admin', /adminBearerArn: must be a user or bot of the flow's app instance/],
  ])('refuses %s at synth, naming the prop', (bearer, error) => {
    expect(() => synthFlow({ adminBearerArn: bearer })).toThrow(error);
  });

  test('its function runs on the newest Node.js runtime the aws-cdk-lib in use names, or the one given', () => {
    const runtimeOf = (stack: Stack) => Object.entries<any>(Template.fromStack(stack).findResources('AWS::Lambda::Function'))
      .find(([id]) => id.startsWith('FlowDisassociationHandler'))![1].Properties.Runtime;
    expect(runtimeOf(synthFlow({ adminBearerArn: BEARER }).stack)).toBe('nodejs24.x');
    expect(runtimeOf(synthFlow({ adminBearerArn: BEARER, disassociationRuntime: lambda.Runtime.NODEJS_22_X }).stack)).toBe('nodejs22.x');
    // A newer aws-cdk-lib names a newer runtime: the flow takes it without a release of this library.
    const runtimes = lambda.Runtime as unknown as Record<string, lambda.Runtime>;
    runtimes.NODEJS_26_X = new lambda.Runtime('nodejs26.x', lambda.RuntimeFamily.NODEJS);
    try {
      const { stack } = synthFlow({ adminBearerArn: BEARER });
      expect(runtimeOf(stack)).toBe('nodejs26.x');
      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Runtime: 'nodejs26.x', Environment: Match.anyValue() });
    } finally {
      delete runtimes.NODEJS_26_X;
    }
    expect(() => synthFlow({ adminBearerArn: BEARER, disassociationRuntime: lambda.Runtime.NODEJS_20_X }))
      .toThrow(/disassociationRuntime: must be a Node.js runtime, 22 or newer .* got nodejs20.x/);
  });

  test('takes a bot, and tokens known only at deploy time', () => {
    expect(() => synthFlow({ adminBearerArn: `${APP_INSTANCE_ARN}/bot/helper` })).not.toThrow();
    const stack = new Stack(new App(), 'Tokens');
    const app = new chime.CfnAppInstance(stack, 'Chat', { name: 'chat' });
    const admin = new chime.CfnAppInstanceUser(stack, 'Admin', { appInstanceArn: app.attrAppInstanceArn, appInstanceUserId: 'admin' });
    new ChannelFlow(stack, 'Flow', { appInstanceArn: app.attrAppInstanceArn, adminBearerArn: admin.attrAppInstanceUserArn });
    Template.fromStack(stack).hasResourceProperties('Custom::ChannelFlowDisassociation', { ChimeBearer: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Admin'), 'AppInstanceUserArn'] } });
  });
});
