/**
 * The cfn-lint findings on the synthesized templates that are explained, in one place. Any
 * other finding fails the build. Each names its rule, how to recognise it, and why it stays.
 */
export interface ExplainedFinding {
  readonly rule: string;
  /** The finding's message, as cfn-lint words it. */
  readonly message: RegExp;
  readonly why: string;
  /** Seen only on an aws-cdk-lib newer than the one the library is built against (test/latest-aws-cdk-lib.test.ts). */
  readonly newerAwsCdkLibOnly?: boolean;
}

export const EXPLAINED_CFN_LINT_FINDINGS: readonly ExplainedFinding[] = [
  {
    rule: 'E3006',
    message: /^Resource type 'AWS::Chime::(ChannelFlow|AppInstanceUser)' does not exist in '[a-z0-9-]+'$/,
    why: 'cfn-lint 1.51, the build machine\'s, predates AWS::Chime::ChannelFlow and AWS::Chime::AppInstanceUser (the example\'s '
      + 'admin bearer) in its resource specifications; CloudFormation has the types, and aws-cdk-lib generates their classes from its schema.',
  },
  {
    rule: 'W3005',
    message: /^'[A-Za-z0-9]*(Processor|Disassociation)Role[A-Za-z0-9]*' dependency already enforced by a 'GetAtt' at 'Resources\/[A-Za-z0-9]+\/Properties\/Role'$/,
    why: 'aws-cdk-lib\'s lambda.Function makes the function (the processor, the disassociation handler) depend on its role '
      + 'explicitly, so that the role\'s policy exists before the function; the redundant DependsOn is aws-cdk-lib\'s and harmless.',
  },
  {
    rule: 'E3030',
    message: /^'nodejs\d+\.x' is not one of \[/,
    why: 'On the newest aws-cdk-lib the functions run on the newest Node.js runtime it names, which the build machine\'s cfn-lint '
      + 'may not know yet; Lambda has the runtime, and aws-cdk-lib names only runtimes Lambda offers.',
    newerAwsCdkLibOnly: true,
  },
];
