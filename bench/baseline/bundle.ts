import { buildSync } from 'esbuild';

/** A hand-written baseline bundled as NodejsFunction does by default: esbuild --bundle --minify for Node.js, CommonJS. */
export function bundleAsNodejsFunction(entry: string, outfile: string): void {
  buildSync({ entryPoints: [entry], outfile, bundle: true, minify: true, platform: 'node', target: 'node22', format: 'cjs', logLevel: 'silent' });
}
