import { CfnResource } from 'aws-cdk-lib';

/** A cdk-nag finding that the construct itself accepts, with the reason a reviewer reads. */
export interface NagAcknowledgement {
  readonly id: string;
  readonly reason: string;
  /** Limit the acknowledgement to these findings (for example `Resource::*`); all of the rule when absent. */
  readonly appliesTo?: string[];
}

/**
 * Records acknowledgements in the metadata that cdk-nag reads (`cdk_nag.rules_to_suppress`),
 * so users see no finding to suppress and the library does not depend on cdk-nag.
 */
export function acknowledgeNagFindings(resource: CfnResource, acknowledgements: NagAcknowledgement[]): void {
  const existing = resource.getMetadata('cdk_nag')?.rules_to_suppress ?? [];
  resource.addMetadata('cdk_nag', {
    rules_to_suppress: [
      ...existing,
      ...acknowledgements.map((a) => ({ id: a.id, reason: a.reason, ...(a.appliesTo ? { applies_to: a.appliesTo } : {}) })),
    ],
  });
}
