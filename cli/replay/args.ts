/**
 * The replay CLI's command line: options parsed by Node's own `util.parseArgs` (strict, so a
 * misspelt option is refused, not ignored), then checked, so that a user learns what is
 * expected before any AWS call.
 */
import { parseArgs } from 'util';

export const COMMAND = 'cdk-chime-channel-flow-replay';
export const DEFAULT_MAX = 100;

export const USAGE = `usage: ${COMMAND} --queue-url URL [--function ARN] [--max N] [--region REGION] [--dry-run]`;

export const HELP = `${USAGE}

Replays the events of a channel flow's failure queue: each failed invocation's record holds
the original event, and invoking the processor with it again answers the message while it is
still pending (48 hours after it was sent). What is replayed is deleted from the queue; what
fails, what is past the 48 hours and what is not a record of a failed invocation stays there
for a person to look at.

Options:
  --queue-url URL   the failure queue (ChannelFlow.failureQueue), as SQS gives its URL:
                    https://sqs.REGION.amazonaws.com/ACCOUNT/NAME (required)
  --function ARN    the processor to invoke, arn:aws:lambda:REGION:ACCOUNT:function:NAME
                    (default: the function named in each record)
  --max N           replay at most N messages (default: ${DEFAULT_MAX})
  --region REGION   the AWS region (default: the queue URL's, else AWS_REGION, else
                    AWS_DEFAULT_REGION)
  --dry-run         say what would be replayed; invoke nothing, delete nothing, hide nothing
  -h, --help        print this help
  --version         print the version

Credentials come from the usual AWS environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...).
Exit status: 0 when every replay succeeded, 1 when one failed, 2 for a bad command line.

Example:
  npx ${COMMAND} --queue-url https://sqs.us-east-1.amazonaws.com/111122223333/ChatStack-FlowFailures --dry-run`;

export interface ReplayRun {
  readonly queueUrl: string;
  readonly region: string;
  readonly functionArn?: string;
  readonly max: number;
  readonly dryRun: boolean;
}

export type CommandLine =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'usageError'; readonly message: string }
  | { readonly kind: 'run'; readonly run: ReplayRun };

// sqs.REGION.amazonaws.com (and .com.cn), or the legacy REGION.queue.amazonaws.com.
const QUEUE_HOST = /^(?:sqs\.([a-z0-9-]+)|([a-z0-9-]+)\.queue)\.amazonaws\.com(?:\.cn)?$/;
const QUEUE_PATH = /^\/\d{12}\/[-_a-zA-Z0-9]{1,80}(?:\.fifo)?$/;
const FUNCTION_ARN = /^arn:[a-z0-9-]+:lambda:[a-z0-9-]+:\d{12}:function:[-_a-zA-Z0-9]{1,64}(?::[-_a-zA-Z0-9$]{1,128})?$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/** The queue URL's region, or why the URL is not one of an SQS queue. */
function checkQueueUrl(text: string, customEndpoint: boolean): { region?: string; problem?: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `--queue-url must be an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME), got ${JSON.stringify(text)}` };
  }
  if (!/^https?:$/.test(url.protocol) || !QUEUE_PATH.test(url.pathname)) {
    return { problem: `--queue-url must be an SQS queue URL, https://sqs.REGION.amazonaws.com/ACCOUNT/NAME with a 12-digit account, got ${JSON.stringify(text)}` };
  }
  const host = QUEUE_HOST.exec(url.hostname);
  // Another host is a local or custom SQS endpoint, which only a configured endpoint URL serves.
  if (!host && !customEndpoint) {
    return { problem: `--queue-url must be an SQS queue URL, https://sqs.REGION.amazonaws.com/ACCOUNT/NAME (another host needs AWS_ENDPOINT_URL_SQS or AWS_ENDPOINT_URL), got ${JSON.stringify(text)}` };
  }
  return { region: host ? host[1] ?? host[2] : undefined };
}

/** What the command line asks for; `env` gives the region when the command line does not. */
export function readCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CommandLine {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'queue-url': { type: 'string' },
        'function': { type: 'string' },
        'max': { type: 'string' },
        'region': { type: 'string' },
        'dry-run': { type: 'boolean' },
        'help': { type: 'boolean', short: 'h' },
        'version': { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { kind: 'usageError', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const queueUrl = values['queue-url'];
  if (typeof queueUrl !== 'string') return { kind: 'usageError', message: '--queue-url is required' };
  const queue = checkQueueUrl(queueUrl, Boolean(env.AWS_ENDPOINT_URL_SQS ?? env.AWS_ENDPOINT_URL));
  if (queue.problem) return { kind: 'usageError', message: queue.problem };
  const functionArn = values.function as string | undefined;
  if (functionArn !== undefined && !FUNCTION_ARN.test(functionArn)) {
    return { kind: 'usageError', message: `--function must be a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME), got ${JSON.stringify(functionArn)}` };
  }
  const max = values.max === undefined ? DEFAULT_MAX : Number(values.max);
  if (!Number.isInteger(max) || max < 1) return { kind: 'usageError', message: `--max must be a positive whole number, got ${JSON.stringify(values.max)}` };
  // The queue's own region before the environment's: a shell set for another region must not
  // sign for it.
  const region = (values.region as string | undefined) ?? queue.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (region === undefined) {
    return { kind: 'usageError', message: 'the region is not in the queue URL: give --region or set AWS_REGION' };
  }
  if (!REGION.test(region)) {
    return { kind: 'usageError', message: `the region (--region, the queue URL's, AWS_REGION or AWS_DEFAULT_REGION) must be one such as us-east-1, got ${JSON.stringify(region)}` };
  }
  return { kind: 'run', run: { queueUrl, region, functionArn, max, dryRun: values['dry-run'] === true } };
}
