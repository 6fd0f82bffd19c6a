import * as fs from 'fs';
import * as path from 'path';
import { invalidInput } from './errors';
import { HANDLER_BUNDLE, HandlerBundleName } from '../core/contract';

/**
 * A Lambda handler bundled when the library is built (scripts/bundle-handlers.ts) and shipped
 * in the npm package's assets/, so a consumer's synth needs neither esbuild nor Docker.
 */
export function prebundledHandler(name: HandlerBundleName): string {
  const file = path.join(__dirname, '..', '..', 'assets', name, HANDLER_BUNDLE.file);
  if (!fs.existsSync(file)) {
    invalidInput('handlerBundle', 'cdk-chime-channel-flow', `the pre-bundled ${name} handler is missing at ${file}; in a source checkout, run \`npx projen bundle\``);
  }
  return file;
}
