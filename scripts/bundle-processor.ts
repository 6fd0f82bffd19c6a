/**
 * Bundles the processor handler into assets/processor/index.js when the library is built:
 * minified, CommonJS, for the Lambda Node.js runtime. The file ships in the npm package.
 */
import * as path from 'path';
import { buildSync } from 'esbuild';

const root = path.join(__dirname, '..');
const outfile = path.join(root, 'assets', 'processor', 'index.js');

const result = buildSync({
  entryPoints: [path.join(root, 'lambda', 'processor', 'index.ts')],
  outfile,
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
const bytes = result.metafile.outputs[path.relative(process.cwd(), outfile)]?.bytes
  ?? Object.values(result.metafile.outputs)[0].bytes;
console.log(`bundled ${path.relative(root, outfile)}: ${(bytes / 1024).toFixed(1)} KiB`);
