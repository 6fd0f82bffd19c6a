import * as fs from 'fs';
import { CORPUS_FILE, EntityType, LabelledMessage } from '../../scripts/pii-corpus';
import { DETECTORS, DetectorName, Span } from '../../src/core/detectors';

/** What each built-in detector is meant to find, by the corpus's labels. */
export const DETECTOR_TYPES: Readonly<Record<DetectorName, EntityType>> = {
  email: 'email', phone: 'phone', paymentCard: 'paymentCard', usSsn: 'usSsn',
};

export interface DetectorFigures {
  /** Finds that overlap an entity of the detector's type, of all its finds. */
  readonly precision: number;
  /** Entities of the type wholly inside one of the detector's finds, of all of them. */
  readonly recall: number;
  readonly finds: number;
  readonly entities: number;
  /** Entities a find touched but left partly in clear. */
  readonly partial: number;
}

export function readCorpus(): LabelledMessage[] {
  return JSON.parse(fs.readFileSync(CORPUS_FILE, 'utf8'));
}

/** A detector's figures on the corpus, given its finds for each message. */
export function figuresOf(corpus: readonly LabelledMessage[], type: EntityType, find: (text: string) => readonly Span[]): DetectorFigures {
  let finds = 0;
  let hits = 0;
  let entities = 0;
  let covered = 0;
  let partial = 0;
  for (const { text, entities: labelled } of corpus) {
    const spans = find(text);
    const mine = labelled.filter((e) => e.type === type);
    finds += spans.length;
    hits += spans.filter(([s, e]) => mine.some((m) => s < m.end && m.start < e)).length;
    entities += mine.length;
    for (const m of mine) {
      if (spans.some(([s, e]) => s <= m.start && m.end <= e)) covered++;
      else if (spans.some(([s, e]) => s < m.end && m.start < e)) partial++;
    }
  }
  return { precision: finds === 0 ? 1 : hits / finds, recall: entities === 0 ? 1 : covered / entities, finds, entities, partial };
}

export function detectorFigures(corpus: readonly LabelledMessage[] = readCorpus()): Record<DetectorName, DetectorFigures> {
  const names = Object.keys(DETECTORS) as DetectorName[];
  const figures = names.map((name) => [name, figuresOf(corpus, DETECTOR_TYPES[name], DETECTORS[name])]);
  return Object.fromEntries(figures) as Record<DetectorName, DetectorFigures>;
}
