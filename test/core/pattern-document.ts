import { PatternDocument } from '../../src/core/document';
import { patternDocument } from '../../src/policy/pattern';

/** A pattern as the construct puts it in a policy document: its source and its parsed syntax tree. */
export function patternOf(pattern: string, ignoreCase = false): PatternDocument {
  return patternDocument('test', pattern, ignoreCase);
}
