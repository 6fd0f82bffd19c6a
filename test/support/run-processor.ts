import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { ROOT } from './fixtures';
import { CREDENTIALS } from './sigv4';
import { ProcessorBundleName } from '../../src/core/contract';

export interface ProcessorRun {
  /** The shipped bundle, by its folder under assets/. */
  readonly bundle: ProcessorBundleName;
  readonly policy: unknown;
  readonly events: readonly unknown[];
  /** What each invocation has left when it starts, as Lambda's context tells it. */
  readonly remainingMs?: number;
  readonly env?: Record<string, string>;
}

/** What Lambda gives a function in its environment: the region and the role's credentials (the stubs' signing key). */
export const LAMBDA_TEST_ENV = {
  PATH: process.env.PATH!,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: CREDENTIALS.sessionToken,
};

/**
 * Runs a shipped processor bundle as Lambda would, in a fresh Node.js process (one container)
 * with its policy beside it and credentials in the environment: each event in turn. The output
 * ends with a line `RESULT ok` or `RESULT error NAME` per event.
 */
export async function runProcessor(run: ProcessorRun): Promise<{ stdout: string; lines: any[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'processor-'));
  fs.copyFileSync(path.join(ROOT, 'assets', run.bundle, 'index.js'), path.join(dir, 'index.js'));
  fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(run.policy));
  const program = `const { handler } = require(${JSON.stringify(path.join(dir, 'index.js'))});
    (async () => {
      for (const event of ${JSON.stringify(run.events)}) {
        const end = Date.now() + ${run.remainingMs ?? 30_000};
        await handler(event, { getRemainingTimeInMillis: () => end - Date.now() })
          .then(() => console.log('RESULT ok'), (e) => console.log('RESULT error ' + e.name));
      }
    })();`;
  const env = { ...LAMBDA_TEST_ENV, ...run.env };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', program], { env, cwd: dir, maxBuffer: 16 * 1024 * 1024 });
    return { stdout, lines: stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
