/**
 * What the handlers may read of an error from an AWS SDK client, and which errors are worth
 * another attempt. Shared by the processor's callback and the custom resource handlers.
 */

/** What a log or a reason may say of an error: its type and status, never the request or the answer's text. */
export interface ErrorFacts {
  readonly name?: string;
  readonly httpStatus?: number;
  readonly code?: string;
}

const TRANSIENT_NAMES = new Set([
  'ThrottledClientException', 'ServiceFailureException', 'ServiceUnavailableException', 'ThrottlingException', 'Throttling',
  'TooManyRequestsException', 'AttemptTimeoutError', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'InternalFailure',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH']);

export function errorFacts(error: unknown): ErrorFacts {
  const err = error as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } } | undefined;
  const status = err?.$metadata?.httpStatusCode;
  return {
    name: typeof err?.name === 'string' ? err.name : undefined,
    httpStatus: typeof status === 'number' ? status : undefined,
    code: typeof err?.code === 'string' ? err.code : undefined,
  };
}

/** Throttling, service faults, timeouts and dropped connections: worth another attempt. */
export function isTransient(error: unknown): boolean {
  const { name, httpStatus, code } = errorFacts(error);
  return TRANSIENT_NAMES.has(name ?? '') || NETWORK_CODES.has(code ?? '')
    || httpStatus === 429 || (httpStatus !== undefined && httpStatus >= 500);
}

/** The service asked the caller to slow down. */
export function isThrottle(error: unknown): boolean {
  const { name, httpStatus } = errorFacts(error);
  return httpStatus === 429 || name === 'ThrottledClientException' || name === 'ThrottlingException' || name === 'Throttling'
    || name === 'TooManyRequestsException';
}
