import { IConstruct } from 'constructs';
// aws-cdk-lib's own synth-time error type: `Errors.isValidationError` recognizes it and the CLI
// prints it with the construct path. It is not re-exported from the package root.
import { ValidationError } from 'aws-cdk-lib/core/lib/errors';

/** Throws a synth-time validation error at `scope` whose message names the prop. */
export function invalidProp(scope: IConstruct, prop: string, message: string): never {
  throw new ValidationError('ChannelFlowInvalidProp' as any, `${prop}: ${message}`, scope);
}
