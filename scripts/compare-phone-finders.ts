/**
 * npm run compare:phone-finders: the built-in phone detector beside libphonenumber-js's finder
 * (`findPhoneNumbersInText`, default metadata), on the labelled corpus of
 * test/support/pii-corpus.json: precision, recall, time per message and bundle size. Writes
 * bench/phone-finders.md; the README's "Moderation" section says what follows from it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { CountryCode, findPhoneNumbersInText } from 'libphonenumber-js';
import { DETECTORS, Span } from '../src/core/detectors';
import { figuresOf, readCorpus } from '../test/support/detector-metrics';

const root = path.join(__dirname, '..');
const corpus = readCorpus();
const COUNTRIES: CountryCode[] = ['US', 'GB', 'DE', 'IN', 'BR', 'JP'];

function timePerMessage(find: (text: string) => unknown): number {
  for (const { text } of corpus.slice(0, 300)) find(text);
  const started = process.hrtime.bigint();
  for (const { text } of corpus) find(text);
  return Number(process.hrtime.bigint() - started) / 1000 / corpus.length;
}

function bundledKiB(source: string): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phone-finder-'));
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(entry, source);
  const result = buildSync({ entryPoints: [entry], bundle: true, minify: true, platform: 'node', format: 'cjs', write: false, nodePaths: [path.join(root, 'node_modules')] });
  fs.rmSync(dir, { recursive: true, force: true });
  return result.outputFiles[0].contents.length / 1024;
}

const rows: string[][] = [];
const ours = figuresOf(corpus, 'phone', DETECTORS.phone);
rows.push(['built-in detector', ours.precision.toFixed(2), ours.recall.toFixed(2), String(ours.partial), `${timePerMessage(DETECTORS.phone).toFixed(1)} µs`,
  `${bundledKiB(`export { DETECTORS } from ${JSON.stringify(path.join(root, 'src', 'core', 'detectors'))};`).toFixed(1)} KiB (all four detectors)`]);
const size = bundledKiB("export { findPhoneNumbersInText } from 'libphonenumber-js';");
for (const country of COUNTRIES) {
  const find = (text: string): Span[] => findPhoneNumbersInText(text, country).map((n) => [n.startsAt, n.endsAt] as const);
  const theirs = figuresOf(corpus, 'phone', find);
  rows.push([`libphonenumber-js, default country ${country}`, theirs.precision.toFixed(2), theirs.recall.toFixed(2), String(theirs.partial),
    `${timePerMessage(find).toFixed(1)} µs`, `${size.toFixed(1)} KiB`]);
}
const header = ['Finder', 'Precision', 'Recall', 'Numbers left partly in clear', 'Time per message', 'Bundle, minified'];
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
const report = `# Phone number finders on the labelled corpus\n\nProduced by \`npm run compare:phone-finders\` on ${new Date().toISOString().slice(0, 10)}, `
  + `Node.js ${process.version}: ${corpus.length} messages, ${ours.entities} phone numbers (test/support/pii-corpus.json).\n\n${table}\n`;
fs.writeFileSync(path.join(root, 'bench', 'phone-finders.md'), report);
console.log(report);
