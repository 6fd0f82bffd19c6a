/** What every part of the benchmark shares: its units, statistics, and a processor bundle staged with its policy as Lambda gets it. */
import * as fs from 'fs';
import * as path from 'path';
import { ChannelFlowPolicies, PolicySimulator } from '../src';
import { HANDLER_BUNDLE, ProcessorBundleName } from '../src/core/contract';

const root = path.join(__dirname, '..');

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values: number[]) => percentile(values, 50);

/** The shipped processor bundle `bundle` in `dir`, beside the policy document of `policies`. */
export function stageProcessor(dir: string, bundle: ProcessorBundleName, policies: ChannelFlowPolicies): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(root, 'assets', bundle, HANDLER_BUNDLE.file), path.join(dir, HANDLER_BUNDLE.file));
  fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(PolicySimulator.fromPolicies(policies).policyDocument));
  return dir;
}
