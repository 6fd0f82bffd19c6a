/**
 * cdk-chime-channel-flow-replay: replays the events of a channel flow's failure queue
 * (`--help` says how; args.ts reads the command line).
 */
import * as fs from 'fs';
import * as path from 'path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { HELP, readCommandLine, USAGE } from './args';
import { replayFailures } from './replay';

/** The version of the package this CLI ships in (assets/replay/cli.js sits two levels below its package.json). */
function version(): string {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
}

async function main(): Promise<number> {
  const line = readCommandLine(process.argv.slice(2), process.env);
  switch (line.kind) {
    case 'help':
      console.log(HELP);
      return 0;
    case 'version':
      console.log(version());
      return 0;
    case 'usageError':
      console.error(`${line.message}\n${USAGE}\n(--help for every option)`);
      return 2;
  }
  const { queueUrl, region, functionArn, max, dryRun } = line.run;
  const sqs = new SQSClient({ region });
  const lambda = new LambdaClient({ region });
  const summary = await replayFailures({
    receive: async (batch) => {
      // A dry run looks without hiding the messages from other readers.
      const receive = new ReceiveMessageCommand({
        QueueUrl: queueUrl, MaxNumberOfMessages: batch, WaitTimeSeconds: 1, VisibilityTimeout: dryRun ? 0 : 120,
      });
      const out = await sqs.send(receive);
      return (out.Messages ?? []).map((m) => ({ body: m.Body ?? '', receiptHandle: m.ReceiptHandle ?? '' }));
    },
    invoke: async (target, event) => {
      const out = await lambda.send(new InvokeCommand({ FunctionName: target, Payload: Buffer.from(JSON.stringify(event)) }));
      return { functionError: out.FunctionError };
    },
    remove: async (receiptHandle) => {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }));
    },
    now: () => Date.now(),
    log: (text) => console.log(text),
  }, { functionArn, max, dryRun });
  console.log(`replayed ${summary.replayed}, failed ${summary.failed}, expired ${summary.expired}, skipped ${summary.skipped}`);
  return summary.failed > 0 ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (error) => {
  console.error(`replay failed: ${error?.name ?? ''} ${error?.message ?? error}`);
  process.exitCode = 1;
});
