import { sampleEvent } from './fixtures';

/** The processor function whose failures the records describe. */
export const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:111122223333:function:processor';

/** A Lambda on-failure destination record of a failed invocation with `event`, as the failure queue holds it. */
export function record(event: unknown): string {
  return JSON.stringify({
    version: '1.0',
    timestamp: '2026-11-24T09:00:00.000Z',
    requestContext: { requestId: 'r', functionArn: `${FUNCTION_ARN}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
    requestPayload: event,
    responseContext: { statusCode: 200, functionError: 'Unhandled' },
    responsePayload: { errorType: 'ServiceUnavailableException' },
  });
}

/** The sample event, sent at `created`. */
export const eventAt = (created: string) => {
  const e = sampleEvent('message-basic');
  e.ChannelMessage.CreatedTimestamp = created;
  e.ChannelMessage.LastEditedTimestamp = created;
  return e;
};
