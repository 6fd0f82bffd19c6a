import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ChannelFlowPolicies, PushNotificationPolicy } from '../src';
import { synthFlow } from './support/fixtures';

const root = path.join(__dirname, '..');

/**
 * The TypeScript examples of README.md, importing this package from its source. Blocks fenced
 * `tsx` are a Lambda handler's code (a processing hook): compiled here like the others, but left
 * out of jsii-rosetta's translations, which would make a handler a function of keyword arguments.
 */
function readmeSnippets(): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/```tsx?\n([\s\S]*?)```/g)].map((m) => m[1].replace(/from 'cdk-chime-channel-flow'/g, "from '../src'"));
}

describe('README', () => {
  test('every TypeScript example compiles against the library', () => {
    const snippets = readmeSnippets();
    expect(snippets.length).toBeGreaterThan(0);
    const files = new Map(snippets.map((code, i) => [path.join(root, 'test', `__readme_${i}.ts`), `export {};\n${code}`]));
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      skipLibCheck: true,
      types: ['node'],
      noUnusedLocals: false,
    };
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => files.has(f) || fileExists(f);
    host.readFile = (f) => files.get(f) ?? readFile(f);
    host.getSourceFile = (f, v, ...rest) => files.has(f) ? ts.createSourceFile(f, files.get(f)!, v) : getSourceFile(f, v, ...rest);
    const program = ts.createProgram([...files.keys()], options, host);
    const errors = ts.getPreEmitDiagnostics(program).map((d) =>
      `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  });

  test('the snapshot serializer it shows keeps a new release\'s processor out of users\' snapshots', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const code = /### Snapshot tests that survive library upgrades[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)![1];
    const serializer: { test(v: unknown): boolean; serialize(v: string): string } = new Function('module', `${code}; return module.exports;`)({});
    const snapshot = (policies: ChannelFlowPolicies) => {
      const { template } = synthFlow(policies);
      return JSON.stringify(template.toJSON(), (_, value) => (serializer.test(value) ? JSON.parse(serializer.serialize(value)) : value));
    };
    // Two flows whose processor assets differ, as a release's bundle differs: the same snapshot.
    const before = snapshot({});
    const after = snapshot({ pushNotification: PushNotificationPolicy.of({ title: 'New', body: '{{content}}' }) });
    expect(before).not.toMatch(/[0-9a-f]{64}/);
    expect(after).toBe(before);
  });
});

