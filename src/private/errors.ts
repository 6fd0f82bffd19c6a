import { ValidationError } from 'aws-cdk-lib/core/lib/errors';
import { IConstruct } from 'constructs';

/**
 * Throws a synth-time validation error at `scope` whose message names the prop. It is
 * aws-cdk-lib's own `ValidationError` (not re-exported from the package root), so
 * `Errors.isValidationError` recognizes it and the CLI prints it with the construct path.
 */
export function invalidProp(scope: IConstruct, prop: string, message: string): never {
  throw new ValidationError('ChannelFlowInvalidProp' as any, `${prop}: ${message}`, scope);
}
