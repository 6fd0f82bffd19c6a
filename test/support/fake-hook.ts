/**
 * A processing hook behind Lambda's Invoke API on 127.0.0.1, for the processor's wire tests,
 * with FakeChime's HTTP server: the request checks (the Lambda API model's Invoke: POST
 * /2015-03-31/functions/{FunctionName}/invocations, a synchronous invocation, a payload within
 * 6 MB) and the answers a hook gives.
 */
import { Answer, RecordedRequest } from './fake-chime';

export const HOOK_ARN = 'arn:aws:lambda:us-east-1:111122223333:function:chat-hook';

/** What Lambda would refuse, or what breaks the processor's contract with its hook; none for a valid invocation. */
export function invokeRefusals(request: RecordedRequest): string[] {
  const problems: string[] = [];
  if (request.method !== 'POST' || request.url !== `/2015-03-31/functions/${encodeURIComponent(HOOK_ARN)}/invocations`) {
    problems.push(`${request.method} ${request.url} is not Invoke of the hook`);
  }
  if (request.headers['x-amz-invocation-type'] !== 'RequestResponse') problems.push('not a synchronous (RequestResponse) invocation');
  if (Buffer.byteLength(request.body) > 6 * 1024 * 1024) problems.push('payload over 6 MB');
  try {
    const event = JSON.parse(request.body);
    if (event.version !== 1 || typeof event.callbackId !== 'string' || typeof event.message?.messageId !== 'string' || typeof event.proposal?.action !== 'string') {
      problems.push('the payload is not a ProcessingHookEvent of version 1');
    }
  } catch {
    problems.push('the payload is not JSON');
  }
  return problems;
}

/** The hook returned `result`. */
export const hookReturns = (result: unknown): Answer => ({ status: 200, rawBody: JSON.stringify(result) ?? 'null', headers: { 'content-type': 'application/json' } });

/** The hook threw: Lambda answers 200 with the error in the payload and X-Amz-Function-Error. */
export const hookThrows: Answer = {
  status: 200,
  rawBody: JSON.stringify({ errorType: 'Error', errorMessage: 'the order service is down: order 42 for Bob' }),
  headers: { 'x-amz-function-error': 'Unhandled', 'content-type': 'application/json' },
};

/** Lambda throttles the invocation. */
export const hookThrottled: Answer = {
  status: 429,
  body: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', message: 'Rate Exceeded.' },
  headers: { 'x-amzn-errortype': 'TooManyRequestsException' },
};
