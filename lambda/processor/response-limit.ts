/**
 * A cap on the bytes read from an answer of the service. The SDK reads a whole body into
 * memory before parsing it; a real ChannelFlowCallback answer is under a kilobyte, so an answer
 * past the cap is cut off with an error instead of filling the function's memory. The SDK then
 * gives that error the answer's status (`$metadata.httpStatusCode`), which is enough to act on:
 * a 2xx means the callback was accepted, anything else is classified by its status.
 */
import { Readable, Transform } from 'stream';
import type { DeserializeMiddleware, MiddlewareStack } from '@smithy/types';

/** Far above any answer the API defines, far below a Lambda function's memory. */
export const RESPONSE_BODY_MAX_BYTES = 64 * 1024;

export class ResponseTooLargeError extends Error {
  public readonly name = 'ResponseTooLargeError';
}

function capped(body: Readable, maxBytes: number): Readable {
  let seen = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen <= maxBytes) return done(null, chunk);
      body.destroy();
      return done(new ResponseTooLargeError(`the answer's body is over ${maxBytes} bytes`));
    },
  });
  body.once('error', (error) => limited.destroy(error));
  return body.pipe(limited);
}

/** Adds the cap between the HTTP handler and the SDK's deserializer, which reads the body; for any of the SDK's clients. */
export function limitResponseBody<Input extends object, Output extends object>(stack: MiddlewareStack<Input, Output>,
  maxBytes = RESPONSE_BODY_MAX_BYTES): void {
  const middleware: DeserializeMiddleware<Input, Output> = (next) => async (args) => {
    const result = await next(args);
    const response = result.response as { body?: unknown; headers?: Record<string, string> };
    // Node's HTTP parser reads no more than a declared length: such an answer needs no counting.
    const declared = Number(response.headers?.['content-length'] ?? NaN);
    if (response.body instanceof Readable && !(declared <= maxBytes)) response.body = capped(response.body, maxBytes);
    return result;
  };
  stack.addRelativeTo(middleware, { name: 'responseBodyLimit', relation: 'after', toMiddleware: 'deserializerMiddleware' });
}
