import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPolicy } from '../../../lambda/processor/policy-file';
import { POLICY_FILE_NAME } from '../../../src/core/contract';

describe('the processor\'s policy document, read at init', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-file-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('is read and compiled from next to the code', () => {
    const file = path.join(dir, POLICY_FILE_NAME);
    fs.writeFileSync(file, JSON.stringify({ version: 3, moderation: { deny: [], redact: [] }, onError: 'deliver', messageAttributes: [], pushNotification: [] }));
    expect(loadPolicy(file).document.onError).toBe('deliver');
  });

  test('missing, as in an assembly synthesized with --exclusively for another stack, fails init saying so', () => {
    expect(() => loadPolicy(path.join(dir, 'absent', POLICY_FILE_NAME)))
      .toThrow(/policy.json is missing next to the processor's code: .*`cdk synth OtherStack --exclusively`.*synthesize its stack and deploy again/);
  });
});
