import { PatternDocument } from '../../src/core/document';
import { parsePattern } from '../../src/core/pattern/parse';

/** A pattern as the construct puts it in a policy document: its source and its parsed syntax tree. */
export function patternOf(pattern: string, ignoreCase = false): PatternDocument {
  return { pattern, ignoreCase, syntax: parsePattern(pattern, ignoreCase) };
}
