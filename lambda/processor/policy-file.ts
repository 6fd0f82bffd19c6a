import * as fs from 'fs';
import * as path from 'path';
import { compilePolicy, CompiledPolicy } from '../../src/core/compile-policy';
import { POLICY_FILE_NAME } from '../../src/core/contract';

/**
 * The policy document ships next to the bundled code (staged by src/private/processor-code.ts).
 * A document that is missing or invalid fails the container's init, so no message is answered
 * under a policy other than the one deployed: its events fail, and after Lambda's retries
 * they go to the failure destination.
 */
export function loadPolicy(file = path.join(__dirname, POLICY_FILE_NAME)): CompiledPolicy {
  if (!fs.existsSync(file)) {
    // `cdk synth OTHER --exclusively` stages this stack's assets without running their bundling,
    // so the policy document was never written next to the code.
    throw new Error(`the policy document ${POLICY_FILE_NAME} is missing next to the processor's code: this function was deployed from a `
      + 'cloud assembly in which its stack was not synthesized (as with `cdk synth OtherStack --exclusively`); synthesize its stack and deploy again');
  }
  return compilePolicy(JSON.parse(fs.readFileSync(file, 'utf8')));
}
