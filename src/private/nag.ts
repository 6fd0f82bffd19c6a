import { CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A cdk-nag finding that the construct itself accepts, with the reason a reviewer reads. */
export interface NagAcknowledgement {
  /** The rule, for example `AwsSolutions-SQS3`. */
  readonly rule: string;
  /** One finding of the rule, for example `Resource::arn:.../channel/*`; the whole rule when absent. */
  readonly finding?: string;
  readonly reason: string;
}

/**
 * Acknowledges findings on `scope` and everything below it, so users see none left to
 * suppress: through aws-cdk-lib's `Validations` (read by cdk-nag 3) and, on a CloudFormation
 * resource, the `cdk_nag` metadata read by cdk-nag 2. The library does not depend on cdk-nag.
 */
export function acknowledgeNagFindings(scope: IConstruct, acknowledgements: NagAcknowledgement[]): void {
  Validations.of(scope).acknowledge(...acknowledgements.map((a) => ({
    id: a.finding ? `${a.rule}[${a.finding}]` : a.rule,
    reason: a.reason,
  })));
  if (!CfnResource.isCfnResource(scope)) return;
  const existing = scope.getMetadata('cdk_nag')?.rules_to_suppress ?? [];
  scope.addMetadata('cdk_nag', {
    rules_to_suppress: [
      ...existing,
      ...acknowledgements.map((a) => ({ id: a.rule, reason: a.reason, ...(a.finding ? { applies_to: [a.finding] } : {}) })),
    ],
  });
}

/**
 * How cdk-nag names a resource ARN in a finding: literal text as it is, `Fn::GetAtt` as
 * `<LogicalId.Attribute>`, `Ref` as `<LogicalId>`. Undefined for intrinsics it would render otherwise.
 */
export function nagResourceName(scope: IConstruct, arn: string): string | undefined {
  if (!Token.isUnresolved(arn)) return arn;
  const resolved = Stack.of(scope).resolve(arn);
  const part = (value: any): string | undefined => {
    if (typeof value === 'string') return value;
    if (value?.['Fn::GetAtt']) return `<${value['Fn::GetAtt'][0]}.${value['Fn::GetAtt'][1]}>`;
    if (value?.Ref) return `<${value.Ref}>`;
    return undefined;
  };
  const join = resolved?.['Fn::Join'];
  const parts: unknown[] = join && join[0] === '' ? join[1] : [resolved];
  const names = parts.map(part);
  return names.every((name) => name !== undefined) ? names.join('') : undefined;
}

/** Acknowledges cdk-nag's wildcard finding for each of `resources`, each scoped to the app instance. */
export function acknowledgeWildcards(scope: IConstruct, resources: string[], reason: string): void {
  const findings = resources.map((arn) => nagResourceName(scope, arn));
  acknowledgeNagFindings(scope, findings.filter((name): name is string => name !== undefined)
    .map((name) => ({ rule: 'AwsSolutions-IAM5', finding: `Resource::${name}`, reason })));
}
