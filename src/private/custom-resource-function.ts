import * as path from 'path';
import { Duration, aws_iam as iam, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeNagFindings } from './nag';
import { NAG_REASONS } from './nag-reasons';
import { prebundledHandler } from './prebundled';
import { HANDLER_BUNDLE } from '../core/contract';

export interface CustomResourceFunctionOptions {
  /** The pre-bundled handler in assets/. */
  readonly handler: 'disassociate' | 'associate';
  readonly description: string;
  readonly runtime: lambda.Runtime;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly role: iam.IRole;
}

/**
 * The function of one of the flow's custom resources: the pre-bundled handler on ARM64, JSON
 * logs in a log group of its own kept a month, with the nag findings a custom resource's
 * function has no use for acknowledged.
 */
export function createCustomResourceFunction(scope: Construct, id: string, options: CustomResourceFunctionOptions): lambda.Function {
  const logGroup = new logs.LogGroup(scope, id.replace(/Handler$/, 'Logs'), { retention: logs.RetentionDays.ONE_MONTH });
  logGroup.grantWrite(options.role);
  const fn = new lambda.Function(scope, id, {
    description: options.description,
    code: lambda.Code.fromAsset(path.dirname(prebundledHandler(options.handler))),
    handler: HANDLER_BUNDLE.handler,
    runtime: options.runtime,
    architecture: lambda.Architecture.ARM_64,
    memorySize: options.memorySize,
    timeout: options.timeout,
    role: options.role,
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
  });
  acknowledgeNagFindings(fn.node.defaultChild as lambda.CfnFunction, [
    { rule: 'Serverless-LambdaDLQ', reason: NAG_REASONS.customResourceNeedsNoDlq },
    { rule: 'Serverless-LambdaTracing', reason: NAG_REASONS.customResourceNeedsNoTracing },
  ]);
  return fn;
}
