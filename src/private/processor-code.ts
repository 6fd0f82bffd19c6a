import * as fs from 'fs';
import * as path from 'path';
import { AssetHashType, DockerImage, ILocalBundling, aws_lambda as lambda } from 'aws-cdk-lib';
import { invalidInput } from './errors';
import { POLICY_FILE_NAME } from '../core/contract';

/** The processor bundled at library build time; shipped in the npm package. */
export const PROCESSOR_BUNDLE = path.join(__dirname, '..', '..', 'assets', 'processor', 'index.js');

/**
 * Writes the asset's content straight into the directory CDK stages it in, inside the cloud
 * assembly: the pre-bundled processor and the flow's policy document. Nothing is run and
 * nothing is written outside the assembly.
 */
class ProcessorWithPolicy implements ILocalBundling {
  // A field, not a closure: CDK keys its cache of staged assets on the bundling options as
  // JSON, so flows with the same policy share one staged asset and flows with another never do.
  constructor(private readonly policyJson: string) {}

  public tryBundle(outputDir: string): boolean {
    fs.copyFileSync(PROCESSOR_BUNDLE, path.join(outputDir, 'index.js'));
    fs.writeFileSync(path.join(outputDir, POLICY_FILE_NAME), this.policyJson);
    return true;
  }
}

/**
 * The processor's code: the pre-bundled processor and this flow's policy document. The
 * document travels as a file in the code package rather than an environment variable, so its
 * size is not bound by Lambda's 4 KB of environment. The asset hash is of the content alone
 * (`AssetHashType.OUTPUT`), so the template changes only when the code or the policy does.
 */
export function processorCode(policyJson: string): lambda.Code {
  if (!fs.existsSync(PROCESSOR_BUNDLE)) {
    invalidInput('processorBundle', 'cdk-chime-channel-flow', `the pre-bundled processor is missing at ${PROCESSOR_BUNDLE}; in a source checkout, run \`npx projen bundle:processor\``);
  }
  return lambda.Code.fromAsset(path.dirname(PROCESSOR_BUNDLE), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: new ProcessorWithPolicy(policyJson),
      // Never pulled or run: the local bundling above always succeeds.
      image: DockerImage.fromRegistry('scratch'),
    },
  });
}
