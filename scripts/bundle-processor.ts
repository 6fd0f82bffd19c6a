/**
 * Bundles, when the library is built, what ships pre-bundled in the package's assets/:
 * the processor Lambda handler (minified, CommonJS, for the Lambda Node.js runtime) and the
 * replay CLI. A consumer needs neither esbuild nor Docker.
 */
import * as path from 'path';
import { buildSync } from 'esbuild';

const root = path.join(__dirname, '..');

function bundle(entry: string, outfile: string, banner?: string): void {
  const result = buildSync({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(root, outfile),
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    ...(banner ? { banner: { js: banner } } : {}),
  });
  const bytes = Object.values(result.metafile.outputs)[0].bytes;
  console.log(`bundled ${outfile}: ${(bytes / 1024).toFixed(1)} KiB`);
}

bundle('lambda/processor/index.ts', 'assets/processor/index.js');
bundle('lambda/replay/cli.ts', 'assets/replay/cli.js', '#!/usr/bin/env node');
