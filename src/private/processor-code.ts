import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { invalidInput } from './errors';
import { POLICY_FILE_NAME } from '../core/contract';

/** The processor bundled at library build time; shipped in the npm package. */
export const PROCESSOR_BUNDLE = path.join(__dirname, '..', '..', 'assets', 'processor', 'index.js');


/** Staged directories by policy JSON, so flows with the same policy share one. */
const staged = new Map<string, string>();

/**
 * A new directory holding the pre-bundled processor and this flow's policy document, for
 * `Code.fromAsset`. The document travels as a file in the code package rather than an
 * environment variable, so its size is not bound by Lambda's 4 KB of environment. The
 * directory is private to this process (made by it, never taken from another: nobody else can
 * plant code in it), and flows with the same policy share it, so their asset is staged once.
 * The asset hash depends on the content only, so the template stays the same.
 */
export function stageProcessorCode(policyJson: string): string {
  if (!fs.existsSync(PROCESSOR_BUNDLE)) {
    invalidInput('processorBundle', 'cdk-chime-channel-flow', `the pre-bundled processor is missing at ${PROCESSOR_BUNDLE}; in a source checkout, run \`npx projen bundle:processor\``);
  }
  const known = staged.get(policyJson);
  if (known && fs.existsSync(path.join(known, POLICY_FILE_NAME))) return known;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-chime-channel-flow-'));
  fs.copyFileSync(PROCESSOR_BUNDLE, path.join(dir, 'index.js'));
  fs.writeFileSync(path.join(dir, POLICY_FILE_NAME), policyJson);
  staged.set(policyJson, dir);
  return dir;
}
