import { PatternDocument } from '../../src/core/document';
import { parsePattern } from '../../src/core/pattern/parse';
import { CompiledPattern } from '../../src/core/pattern/vm';
import { patternDocument } from '../../src/private/pattern-document';

/** A pattern as the construct puts it in a policy document: its source and its parsed syntax tree. */
export function patternOf(pattern: string, ignoreCase = false): PatternDocument {
  return patternDocument('test', pattern, ignoreCase);
}

/** The pattern as the processor runs it: parsed at synth, compiled from its syntax tree. */
export function compile(pattern: string, ignoreCase = false): CompiledPattern {
  return new CompiledPattern(parsePattern(pattern, ignoreCase), ignoreCase);
}

/** What JavaScript's own RegExp finds, as [start, end, group 1]. */
export function jsMatches(pattern: string, text: string, ignoreCase = false) {
  return [...text.matchAll(new RegExp(pattern, `gu${ignoreCase ? 'i' : ''}`))].map((m) => [m.index, m.index! + m[0].length, m[1]]);
}

/** What the engine finds, in the same form as jsMatches. */
export function ours(pattern: string, text: string, ignoreCase = false) {
  return compile(pattern, ignoreCase).matchAll(text).map((m) => [m.start, m.end, m.group1]);
}
