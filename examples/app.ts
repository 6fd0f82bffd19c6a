/**
 * Synthesizes the example app offline (no AWS credentials, no Docker) into examples/cdk.out,
 * or the directory given as its argument, and prints what it made.
 */
import * as fs from 'fs';
import * as path from 'path';
import { exampleApp, MEMBERS } from './example-stack';
import { PolicySimulator } from '../src';
import { PolicyDocument } from '../src/core/document';

const outdir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(__dirname, 'cdk.out');
const { app, stack } = exampleApp(outdir);
const assembly = app.synth();
const artifact = assembly.getStackByName(stack.stackName);
const template = artifact.template as { Resources: Record<string, { Type: string; Properties?: any }> };

console.log(`Synthesized ${stack.stackName} into ${path.relative(process.cwd(), artifact.templateFullPath)}\n`);
console.log('Resources:');
for (const [id, resource] of Object.entries(template.Resources)) {
  console.log(`  ${resource.Type.padEnd(32)} ${id}`);
}

const show = (value: unknown) => JSON.stringify(value);
console.log('\nPermissions:');
for (const [id, resource] of Object.entries(template.Resources)) {
  if (resource.Type === 'AWS::IAM::Policy') {
    for (const statement of resource.Properties.PolicyDocument.Statement) {
      console.log(`  ${id}: ${show(statement.Action)} on ${show(statement.Resource)}`);
    }
  }
  if (resource.Type === 'AWS::Lambda::Permission') {
    const p = resource.Properties;
    console.log(`  ${id}: ${p.Principal} may ${p.Action} if SourceAccount=${show(p.SourceAccount)} SourceArn=${show(p.SourceArn)}`);
  }
}

const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function')!;
const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
const policyFile = path.join(outdir, `asset.${assetHash}`, 'policy.json');
console.log(`\nProcessor: ${fn.Properties.Runtime} on ${fn.Properties.Architectures}, ${fn.Properties.MemorySize} MiB, timeout ${fn.Properties.Timeout} s`);
const policy: PolicyDocument = JSON.parse(fs.readFileSync(policyFile, 'utf8'));
console.log(`Policy document shipped with the processor: ${path.relative(process.cwd(), policyFile)}`);
console.log(`  ${policy.moderation.deny.length} deny conditions, ${policy.moderation.redact.length} redactions, `
  + `${policy.messageAttributes.length} attribute rules, ${policy.pushNotification.length} push rules; on error: ${policy.onError}`);

// What the processor answers, from the shipped document (the same decision the Lambda makes).
const simulator = PolicySimulator.fromPolicyDocument(policy);
const samples: [string, Record<string, unknown>][] = [
  ['a mention and an email address', { Content: 'Hi @bob, mail the draft to ann@example.com', Metadata: '{"priority":"high"}' }],
  ['a forbidden word', { Content: 'This is FORBIDDEN talk' }],
  ['an edit', { Content: 'Fixed typo', LastEditedTimestamp: '2026-11-24T08:05:00.000Z' }],
  ['a mention of bob', { Content: 'hi @bob' }],
  ['a mention of ann', { Content: 'hi @ann' }],
];
console.log('\nMembers\' push notification preferences:');
for (const member of MEMBERS) {
  console.log(`  ${member.memberArn.split('/').pop()}: ${member.allowNotifications}${member.filterRule ? ` ${member.filterRule.toJson()}` : ''}`);
}
console.log('\nSample messages through the policy, and who is notified:');
for (const [label, fields] of samples) {
  const event = {
    EventType: 'CHANNEL_MESSAGE_EVENT',
    CallbackId: '1f6e0b7d2c9a4e13b8d5a7c0e2f4b6d8',
    ChannelMessage: {
      MessageId: 'msg-1',
      ChannelArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/channel/general',
      Sender: { Arn: 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/user/alice', Name: 'Alice' },
      Persistence: 'PERSISTENT',
      Type: 'STANDARD',
      CreatedTimestamp: '2026-11-24T08:00:00.000Z',
      ...fields,
    },
  };
  const request = simulator.simulate(event);
  const notified = simulator.notifiedMembers(event, MEMBERS).map((arn) => arn.split('/').pop());
  console.log(`  ${label}:\n    ${JSON.stringify(request.DeleteResource ? { DeleteResource: true } : request.ChannelMessage)}`
    + `\n    notified: ${notified.length > 0 ? notified.join(', ') : 'nobody'}`);
}
