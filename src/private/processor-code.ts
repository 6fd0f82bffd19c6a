import * as fs from 'fs';
import * as path from 'path';
import { AssetHashType, DockerImage, ILocalBundling, aws_lambda as lambda } from 'aws-cdk-lib';
import { prebundledHandler } from './prebundled';
import { HANDLER_BUNDLE, POLICY_FILE_NAME, ProcessorFeatures, processorBundleName } from '../core/contract';

/**
 * Writes the asset's content straight into the directory CDK stages it in, inside the cloud
 * assembly: the pre-bundled processor and the flow's policy document. Nothing is run and
 * nothing is written outside the assembly.
 */
class ProcessorWithPolicy implements ILocalBundling {
  // Fields, not a closure: CDK keys its cache of staged assets on the bundling options as
  // JSON, so flows with the same policy share one staged asset and flows with another never do.
  constructor(private readonly bundle: string, private readonly policyJson: string) {}

  public tryBundle(outputDir: string): boolean {
    fs.copyFileSync(this.bundle, path.join(outputDir, HANDLER_BUNDLE.file));
    fs.writeFileSync(path.join(outputDir, POLICY_FILE_NAME), this.policyJson);
    return true;
  }
}

/**
 * The processor's code: the pre-bundled processor of the flow's features (the plain one unless
 * the policy has Amazon Comprehend rules, so a flow ships only the clients it uses) and this flow's policy document. The
 * document travels as a file in the code package rather than an environment variable, so its
 * size is not bound by Lambda's 4 KB of environment. The asset hash is of the content alone
 * (`AssetHashType.OUTPUT`), so the template changes only when the code or the policy does.
 */
export function processorCode(policyJson: string, features: ProcessorFeatures): lambda.Code {
  const bundle = prebundledHandler(processorBundleName(features));
  return lambda.Code.fromAsset(path.dirname(bundle), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: new ProcessorWithPolicy(bundle, policyJson),
      // Never pulled or run: the local bundling above always succeeds.
      image: DockerImage.fromRegistry('scratch'),
    },
  });
}
