import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ChannelFlow, ChannelFlowProps } from '../../src';

/** The repository's root, for tests that read what the build made (assets/, lib/, API.md). */
export const ROOT = path.join(__dirname, '..', '..');

export const APP_INSTANCE_ARN = 'arn:aws:chime:us-east-1:111122223333:app-instance/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9';

/** Sample events as the service sends them (test/support/events). */
export function sampleEvent(name: 'message-basic' | 'message-update-nonpersistent'): any {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'events', `${name}.json`), 'utf8'));
}

/** The policy document shipped in the code asset of the stack's only processor function. */
export function shippedPolicy(stack: Stack): any {
  const template = Template.fromStack(stack).toJSON();
  const fn = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function');
  const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
  const outdir = (stack.node.root as any).outdir as string;
  return JSON.parse(fs.readFileSync(path.join(outdir, `asset.${hash}`, 'policy.json'), 'utf8'));
}

/** A flow of the sample app instance with these props, alone in a new app's stack. */
export function synthFlow(props: Partial<ChannelFlowProps> = {}) {
  const stack = new Stack(new App(), 'Test');
  const flow = new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, ...props });
  return { stack, flow, template: Template.fromStack(stack) };
}

/** Every statement of the stack's IAM policies. */
export function statementsOf(template: Template): any[] {
  return Object.values<any>(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
}
