import * as fs from 'fs';
import * as path from 'path';
import { CORPUS_SIZE, generateCorpus } from '../../scripts/pii-corpus';
import { DetectorName } from '../../src/core/detectors';
import { detectorFigures, readCorpus } from '../support/detector-metrics';
import { ROOT } from '../support/fixtures';

/** The README's table of the detectors' figures: detector, precision, recall, by the `Redaction` factory's name. */
function statedFigures(): Record<DetectorName, { precision: number; recall: number }> {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const names: Record<string, DetectorName> = {
    emailAddresses: 'email', phoneNumbers: 'phone', paymentCardNumbers: 'paymentCard', usSocialSecurityNumbers: 'usSsn',
  };
  const rows = [...readme.matchAll(/^\| `Redaction\.(\w+)\(\)` \| (\d+) \| (\d\.\d\d) \| (\d\.\d\d) \|/gm)];
  const figures = rows.map(([, factory, , precision, recall]) => [names[factory], { precision: Number(precision), recall: Number(recall) }]);
  return Object.fromEntries(figures) as Record<DetectorName, { precision: number; recall: number }>;
}

describe('the built-in detectors on the labelled corpus (test/support/pii-corpus.json)', () => {
  const corpus = readCorpus();
  const measured = detectorFigures(corpus);

  test('the corpus is what scripts/pii-corpus.ts generates: nothing in it was edited by hand', () => {
    expect(corpus).toEqual(JSON.parse(JSON.stringify(generateCorpus(CORPUS_SIZE))));
  });

  test.each(Object.keys(measured) as DetectorName[])('%s: the README states its measured precision and recall', (name) => {
    const stated = statedFigures()[name];
    expect(stated).toBeDefined();
    expect(Math.abs(measured[name].precision - stated.precision)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(measured[name].recall - stated.recall)).toBeLessThanOrEqual(0.005);
  });

  test.each(Object.keys(measured) as DetectorName[])('%s leaves no entity it touches partly in clear', (name) => {
    expect(measured[name].partial).toBe(0);
  });
});
