import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './support/fixtures';

/**
 * What Construct Hub shows users of other languages: each example of the README and the doc
 * comments as jsii-rosetta translates it (the build's `rosetta:extract` compiles every example
 * in strict mode and writes the translations to .jsii.tabl.json), and the Python package
 * jsii-pacmak generates. Python is on the build machine; its packaging tools are not needed.
 */
const TABLET = path.join(ROOT, '.jsii.tabl.json');

function pyCompile(files: string[]): void {
  // Throws with Python's own SyntaxError message when a file does not compile.
  execFileSync('python3', ['-m', 'py_compile', ...files], { stdio: 'pipe' });
}

describe('the examples in every jsii language', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'languages-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('every example, translated to Python, is valid Python', () => {
    expect(fs.existsSync(TABLET)).toBe(true); // made by `npx projen compile` (rosetta:extract)
    const snippets = Object.values<any>(JSON.parse(fs.readFileSync(TABLET, 'utf8')).snippets);
    // The README's `ts` examples and the doc comments' (its `tsx` blocks, a hook's handler code, are not translated).
    const readmeExamples = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').match(/^```ts$/gm)!.length;
    expect(snippets.length).toBeGreaterThan(readmeExamples);
    const files = snippets.map((snippet, i) => {
      expect(snippet.didCompile).toBe(true);
      const file = path.join(dir, `example_${i}.py`);
      fs.writeFileSync(file, snippet.translations.python.source);
      return file;
    });
    pyCompile(files);
  });

  test('the generated Python package, and the examples of its README, compile', () => {
    const out = path.join(dir, 'pacmak');
    execFileSync(process.execPath, [require.resolve('jsii-pacmak/bin/jsii-pacmak'), '--target', 'python', '--code-only', '--rosetta-tablet', TABLET, '-o', out],
      { cwd: ROOT, stdio: 'pipe' });
    const pkg = path.join(out, 'python');
    const modules = (function walk(d: string): string[] {
      return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.py') ? [path.join(d, e.name)] : []);
    })(path.join(pkg, 'src'));
    expect(modules.length).toBeGreaterThan(0);
    const readme = fs.readFileSync(path.join(pkg, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThan(0);
    const files = blocks.map((code, i) => {
      const file = path.join(dir, `readme_${i}.py`);
      fs.writeFileSync(file, code);
      return file;
    });
    pyCompile([...modules, ...files]);
    // The combinators keep names that are words in Python, not keywords.
    expect(readme).toContain('Condition.all_of(');
  });
});
