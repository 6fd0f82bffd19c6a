import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The processor bundled at library build time; shipped in the npm package. */
export const PROCESSOR_BUNDLE = path.join(__dirname, '..', '..', 'assets', 'processor', 'index.js');

/** The file name the processor reads its policy document from, next to its code. */
export const POLICY_FILE_NAME = 'policy.json';

/**
 * A directory holding the pre-bundled processor and this flow's policy document, for
 * `Code.fromAsset`. The document travels as a file in the code package rather than an
 * environment variable, so its size is not bound by Lambda's 4 KB of environment.
 * The directory is named by its content, so a synth of the same policy reuses it.
 */
export function stageProcessorCode(policyJson: string): string {
  if (!fs.existsSync(PROCESSOR_BUNDLE)) {
    throw new Error(`The pre-bundled processor is missing at ${PROCESSOR_BUNDLE}; in a source checkout, run \`npx projen bundle:processor\`.`);
  }
  const code = fs.readFileSync(PROCESSOR_BUNDLE);
  const hash = createHash('sha256').update(code).update('\0').update(policyJson).digest('hex').slice(0, 32);
  const dir = path.join(os.tmpdir(), 'cdk-chime-channel-flow', hash);
  if (!fs.existsSync(path.join(dir, POLICY_FILE_NAME))) {
    const partial = `${dir}.${process.pid}.partial`;
    fs.mkdirSync(partial, { recursive: true });
    fs.writeFileSync(path.join(partial, 'index.js'), code);
    fs.writeFileSync(path.join(partial, POLICY_FILE_NAME), policyJson);
    try {
      fs.renameSync(partial, dir);
    } catch {
      // Another synth staged the same content first; its directory is as good as ours.
      fs.rmSync(partial, { recursive: true, force: true });
    }
  }
  return dir;
}
