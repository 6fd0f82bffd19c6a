import { Token } from 'aws-cdk-lib';
import { invalidInput } from './errors';
import { PatternDocument } from '../core/document';
import { parsePattern } from '../core/pattern/parse';
import { PatternError } from '../core/pattern/syntax';

/**
 * A pattern as the policy document carries it: its source, and the syntax tree the processor
 * runs, parsed here so that neither the parser nor the Unicode tables ship in the processor.
 * A pattern the engine cannot run fails where it is written, with the reason.
 *
 * @param factory the factory the pattern was given to, for the error message
 */
export function patternDocument(factory: string, pattern: string, ignoreCase: boolean): PatternDocument {
  const fail = (message: string): never => invalidInput('pattern', factory, message);
  if (Token.isUnresolved(pattern)) fail('the pattern must be known at synth time; a token was given');
  if (pattern.length === 0) fail('the pattern must not be empty');
  try {
    return { pattern, ignoreCase, syntax: parsePattern(pattern, ignoreCase) };
  } catch (error) {
    if (error instanceof PatternError) return fail(`the pattern ${JSON.stringify(pattern)} is not supported: ${error.message}`);
    throw error;
  }
}
