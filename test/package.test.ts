import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

const root = path.join(__dirname, '..');

/**
 * What a consumer runs: the jsii-compiled lib/ (built by `npx projen build` before the tests),
 * in a fresh Node.js process where loading esbuild fails, synthesizing offline.
 */
describe('the compiled library, as a consumer uses it', () => {
  test('synthesizes with the pre-bundled processor and without esbuild', async () => {
    expect(fs.existsSync(path.join(root, 'lib', 'index.js'))).toBe(true); // run `npx projen compile` first
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
    const script = `
      const Module = require('module');
      const load = Module._load;
      Module._load = function (request, ...rest) {
        if (request === 'esbuild' || request.startsWith('esbuild/')) throw new Error('esbuild was loaded at synth');
        return load.call(this, request, ...rest);
      };
      const cdk = require('aws-cdk-lib');
      const lib = require(${JSON.stringify(path.join(root, 'lib'))});
      const app = new cdk.App({ outdir: ${JSON.stringify(outdir)} });
      const stack = new cdk.Stack(app, 'Consumer');
      new lib.ChannelFlow(stack, 'Flow', {
        appInstanceArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1',
        pushNotification: lib.PushNotificationPolicy.of({ title: '{{sender.name}}', body: '{{content}}' }),
        moderation: lib.ModerationPolicy.of({ deny: [lib.Condition.contentMatches('\\\\bspam\\\\b', { ignoreCase: true })] }),
      });
      const template = app.synth().getStackByName('Consumer').template;
      const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function');
      console.log(JSON.stringify({ key: fn.Properties.Code.S3Key }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: root });
    const { key } = JSON.parse(stdout.trim().split('\n').pop()!);
    const assetDir = path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
    expect(fs.readdirSync(assetDir).sort()).toEqual(['index.js', 'policy.json']);
    expect(fs.readFileSync(path.join(assetDir, 'index.js'))).toEqual(fs.readFileSync(path.join(root, 'assets', 'processor', 'index.js')));
    const policy = JSON.parse(fs.readFileSync(path.join(assetDir, 'policy.json'), 'utf8'));
    expect(policy.pushNotification[0].title).toBe('{{sender.name}}');
    // Parsed at synth, by the parser the package ships.
    expect(policy.moderation.deny[0]).toMatchObject({ pattern: '\\bspam\\b', syntax: { type: 'concat' } });
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('ships inside the package the pattern parser it runs at synth and the JSON reader the simulator runs', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json'], { cwd: root });
    const [pack] = JSON.parse(stdout);
    expect(pack.bundled).toEqual(['@eslint-community/regexpp', 'lossless-json']);
    expect(pack.files.map((f: { path: string }) => f.path)).toContain('node_modules/@eslint-community/regexpp/index.js');
    expect(pack.files.map((f: { path: string }) => f.path)).toContain('node_modules/lossless-json/lib/umd/lossless-json.js');
    // And the handlers, pre-bundled: the processor, the disassociation custom resource, the replay CLI.
    expect(pack.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining([
      'assets/processor/index.js', 'assets/disassociate/index.js', 'assets/associate/index.js', 'assets/replay/cli.js',
    ]));
  });

  test('every relative link of the README (the package page on npm and Construct Hub) is to a file the package ships', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json'], { cwd: root });
    const shipped = new Set(JSON.parse(stdout)[0].files.map((f: { path: string }) => f.path));
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\((?!https?:|#|mailto:)\.?\/?([^)#\s]+)[^)]*\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !shipped.has(link))).toEqual([]);
  });
});

