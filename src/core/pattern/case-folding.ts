/**
 * ECMAScript's Canonicalize for the `u` flag: two characters match ignoring case when Unicode's
 * simple case folding takes them to the same character. From generated Unicode data
 * (case-folding-data.ts); used at synth time only, to close a pattern's sets under folding.
 */
import { CASE_FOLDING_BLOCKS, LATIN1_CASE_CLASSES, SIMPLE_CASE_FOLDING_RUNS } from './case-folding-data';
import { inRanges, membersOf, normalize, Range, sizeOf } from './ranges';

/** Simple case folding (code point to code point), and for each folded character all that fold to it; made on first use. */
let folding: { readonly fold: Map<number, number>; readonly classes: Map<number, number[]> } | undefined;

function caseFolding() {
  if (!folding) {
    const fold = new Map<number, number>();
    for (const run of SIMPLE_CASE_FOLDING_RUNS.split(';')) {
      const [from, count, step, delta] = run.split(',').map((n) => parseInt(n, 36));
      for (let k = 0, c = from; k < count; k++, c += step) fold.set(c, c + delta);
    }
    const classes = new Map<number, number[]>();
    for (const [c, folded] of fold) {
      const members = classes.get(folded);
      if (members) members.push(c);
      else classes.set(folded, [folded, c]);
    }
    folding = { fold, classes };
  }
  return folding;
}

/** The classes of the Latin-1 characters that fold, and the blocks with any folding; read on first use. */
let smallTables: { readonly latin1: ReadonlyMap<number, readonly number[]>; readonly blocks: ReadonlySet<number> } | undefined;

/**
 * The characters that match `code` ignoring case: those that simple case folding takes to the
 * same character as `code`, `code` included. Latin-1, and blocks without any folding, are
 * answered from small tables, without building the whole one.
 */
export function caseVariants(code: number): readonly number[] {
  smallTables ??= {
    latin1: new Map(LATIN1_CASE_CLASSES.split(';').map((entry) => {
      const members = entry.split(',').map((n) => parseInt(n, 36));
      return [members[0], members];
    })),
    blocks: new Set(CASE_FOLDING_BLOCKS.split(',').map((n) => parseInt(n, 36))),
  };
  if (code < 0x100) return smallTables.latin1.get(code) ?? [code];
  if (!smallTables.blocks.has(Math.floor(code / 256))) return [code];
  const { fold, classes } = caseFolding();
  return classes.get(fold.get(code) ?? code) ?? [code];
}

/** `ranges` with every character that folds with one of theirs: the set as it matches ignoring case. */
export function foldClosure(ranges: readonly Range[]): Range[] {
  const own = normalize(ranges);
  const added: Range[] = [];
  if (sizeOf(own) <= 256) {
    for (const c of membersOf(own)) for (const v of caseVariants(c)) added.push([v, v]);
  } else {
    for (const members of caseFolding().classes.values()) {
      if (members.some((c) => inRanges(own, c))) for (const c of members) added.push([c, c]);
    }
  }
  return normalize([...own, ...added]);
}
