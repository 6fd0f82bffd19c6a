/**
 * cdk-chime-channel-flow-replay: replays the events of a channel flow's failure queue.
 *
 *   npx cdk-chime-channel-flow-replay --queue-url URL [--function ARN] [--max N] [--dry-run]
 *
 * Credentials and region come from the usual AWS environment (AWS_PROFILE, AWS_REGION, ...).
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { replayFailures } from './replay';

function parseArgs(argv: string[]): Record<string, string | boolean> {
  const args: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].replace(/^--/, '').split('=', 2);
    if (inline !== undefined) args[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args[key] = argv[++i];
    else args[key] = true;
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const queueUrl = args['queue-url'];
  if (typeof queueUrl !== 'string' || args.help) {
    console.error('usage: cdk-chime-channel-flow-replay --queue-url URL [--function ARN] [--max N] [--dry-run]');
    return 2;
  }
  const max = typeof args.max === 'string' ? Number(args.max) : 100;
  if (!Number.isInteger(max) || max < 1) {
    console.error('--max must be a positive whole number');
    return 2;
  }
  const dryRun = args['dry-run'] === true;
  const sqs = new SQSClient({});
  const lambda = new LambdaClient({});
  const summary = await replayFailures({
    receive: async (batch) => {
      // A dry run looks without hiding the messages from other readers.
      const receive = new ReceiveMessageCommand({
        QueueUrl: queueUrl, MaxNumberOfMessages: batch, WaitTimeSeconds: 1, VisibilityTimeout: dryRun ? 0 : 120,
      });
      const out = await sqs.send(receive);
      return (out.Messages ?? []).map((m) => ({ body: m.Body ?? '', receiptHandle: m.ReceiptHandle ?? '' }));
    },
    invoke: async (functionArn, event) => {
      const out = await lambda.send(new InvokeCommand({ FunctionName: functionArn, Payload: Buffer.from(JSON.stringify(event)) }));
      return { functionError: out.FunctionError };
    },
    remove: async (receiptHandle) => {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }));
    },
    now: () => Date.now(),
    log: (line) => console.log(line),
  }, {
    functionArn: typeof args.function === 'string' ? args.function : undefined,
    max,
    dryRun,
  });
  console.log(`replayed ${summary.replayed}, failed ${summary.failed}, expired ${summary.expired}, skipped ${summary.skipped}`);
  return summary.failed > 0 ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (error) => {
  console.error(`replay failed: ${error?.name ?? ''} ${error?.message ?? error}`);
  process.exitCode = 1;
});
