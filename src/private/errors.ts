import { ValidationError } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Throws a synth-time validation error at `scope` whose message names the prop: aws-cdk-lib's
 * own `ValidationError`, so `Errors.isValidationError` recognizes it and the CLI prints it with
 * the construct path. (Its first argument is an error code, typed as a literal string.)
 */
export function invalidProp(scope: IConstruct, prop: string, message: string): never {
  throw new ValidationError('ChannelFlowInvalidProp' as any, `${prop}: ${message}`, scope);
}
