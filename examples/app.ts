/**
 * Synthesizes the example app offline (no AWS credentials, no Docker) into examples/cdk.out
 * and prints what it made.
 */
import * as fs from 'fs';
import * as path from 'path';
import { exampleApp } from './example-stack';

const outdir = path.join(__dirname, 'cdk.out');
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
if (fs.existsSync(policyFile)) {
  console.log(`Policy document shipped with the processor (${path.relative(process.cwd(), policyFile)}):`);
  console.log(JSON.stringify(JSON.parse(fs.readFileSync(policyFile, 'utf8')), null, 2).replace(/^/gm, '  '));
}
