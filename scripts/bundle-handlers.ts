/**
 * Bundles, when the library is built, what ships pre-bundled in the package's assets/:
 * the processor Lambda handler and the disassociation custom resource's handler (minified,
 * CommonJS, for the Lambda Node.js runtime) and the replay CLI. A consumer needs neither esbuild nor Docker.
 */
import * as path from 'path';
import { buildSync, BuildOptions } from 'esbuild';
import { HANDLER_BUNDLE, HandlerBundleName } from '../src/core/contract';

const root = path.join(__dirname, '..');

/**
 * The AWS SDK's ES modules let esbuild leave out what the client never calls (every other
 * protocol's codec); CommonJS builds come whole.
 */
const SDK_SIZE_OPTIONS: BuildOptions = { mainFields: ['module', 'main'] };

/** Bundles `entry` as the pre-bundled handler `name` (the layout is the contract's HANDLER_BUNDLE). */
function bundleHandler(entry: string, name: HandlerBundleName, options: BuildOptions = {}): void {
  bundle(entry, path.join('assets', name, HANDLER_BUNDLE.file), options);
}

function bundle(entry: string, outfile: string, options: BuildOptions = {}): void {
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
    ...SDK_SIZE_OPTIONS,
    ...options,
  });
  const bytes = Object.values(result.metafile!.outputs)[0].bytes;
  console.log(`bundled ${outfile}: ${(bytes / 1024).toFixed(1)} KiB`);
}

/**
 * What the Lambda bundles (the processor's and the disassociation handler's) take instead of
 * parts of the SDK they never run (each file says why): the default credential chain (Lambda gives the credentials in the environment), event
 * streams and zlib. Each is code compiled at every cold start.
 */
const standIn = (name: string) => path.join(root, 'lambda', 'shared', 'stand-ins', `${name}.ts`);
const STAND_INS: BuildOptions = {
  alias: {
    '@aws-sdk/credential-provider-node': standIn('credential-provider-node'),
    '@smithy/core/event-streams': standIn('event-streams'),
    'node:zlib': standIn('zlib'),
  },
};
// A Lambda client (the disassociation handler's, to carry on in a new invocation; the processor's,
// to invoke a processing hook) resolves event-stream settings when it is made, so the real
// event-stream module stays in the bundles that have one.
const { '@smithy/core/event-streams': _eventStreams, ...withEventStreams } = STAND_INS.alias!;
// The processor, one bundle per set of features, so a flow ships only the clients it uses:
// Amazon Comprehend's for policies with Comprehend rules, Lambda's for a processing hook.
bundleHandler('lambda/processor/index.ts', 'processor', STAND_INS);
bundleHandler('lambda/processor/index-comprehend.ts', 'processor-comprehend', STAND_INS);
bundleHandler('lambda/processor/index-hook.ts', 'processor-hook', { alias: withEventStreams });
bundleHandler('lambda/processor/index-comprehend-hook.ts', 'processor-comprehend-hook', { alias: withEventStreams });
// The custom resource that disassociates channels before the flow is deleted.
bundleHandler('lambda/disassociate/index.ts', 'disassociate', { alias: withEventStreams });
// The custom resource that associates a channel with the flow (ChannelFlow.associateChannel).
bundleHandler('lambda/associate/index.ts', 'associate', STAND_INS);
bundle('cli/replay/cli.ts', 'assets/replay/cli.js', { banner: { js: '#!/usr/bin/env node' } });
