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
  return compilePolicy(JSON.parse(fs.readFileSync(file, 'utf8')));
}
