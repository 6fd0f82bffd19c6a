import { aws_lambda as lambda } from 'aws-cdk-lib';

/** The major version of a Node.js runtime named `nodejsNN.x`, or undefined for any other. */
export function nodeMajorOf(runtime: lambda.Runtime): number | undefined {
  const major = runtime.family === lambda.RuntimeFamily.NODEJS ? /^nodejs(\d+)\.x$/.exec(runtime.name)?.[1] : undefined;
  return major === undefined ? undefined : Number(major);
}

/** The oldest Node.js major the handlers run on. */
export const MIN_NODE_MAJOR = 22;

/**
 * The newest Node.js runtime the aws-cdk-lib in use names: a new aws-cdk-lib brings a newer
 * one without a release of this library, so a flow never defaults to a runtime cdk-nag calls
 * outdated. `NODEJS_LATEST` is left out: it stands for whatever the region offers.
 */
export function newestNodeRuntime(): lambda.Runtime {
  const runtimes = Object.values(lambda.Runtime).filter((r): r is lambda.Runtime => r instanceof lambda.Runtime && !r.isVariable);
  let newest: lambda.Runtime | undefined;
  for (const runtime of runtimes) {
    const major = nodeMajorOf(runtime);
    if (major !== undefined && (newest === undefined || major > nodeMajorOf(newest)!)) newest = runtime;
  }
  if (newest === undefined || nodeMajorOf(newest)! < MIN_NODE_MAJOR) throw new Error(`aws-cdk-lib names no Node.js runtime ${MIN_NODE_MAJOR} or newer`);
  return newest;
}
