import { compileProgram } from './compile';
import { canMatchEmpty, PatternError, PatternSyntax, checkSyntax } from './syntax';

/**
 * The problem with a pattern of a policy document (its source, flag and syntax tree), or
 * undefined when the processor can run it. Where a match must take text (what is redacted or
 * captured), a pattern that can match no text is refused.
 */
export function checkPattern(document: { pattern?: unknown; ignoreCase?: unknown; syntax?: unknown }, mustTakeText = false): string | undefined {
  const { pattern, ignoreCase, syntax } = document;
  if (typeof pattern !== 'string' || pattern.length === 0) return 'the pattern must be a non-empty string';
  if (typeof ignoreCase !== 'boolean') return 'ignoreCase must be true or false';
  const name = JSON.stringify(pattern);
  const malformed = checkSyntax(syntax);
  if (malformed) return `the pattern ${name} comes with a syntax tree the processor cannot run: ${malformed}`;
  try {
    compileProgram(syntax as PatternSyntax);
  } catch (error) {
    if (error instanceof PatternError) return `the pattern ${name} is not supported: ${error.message}`;
    throw error;
  }
  if (mustTakeText && canMatchEmpty(syntax as PatternSyntax)) {
    return `the pattern ${name} can match no text; what it finds must take at least one character`;
  }
  return undefined;
}
