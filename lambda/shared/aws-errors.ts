/**
 * What the handlers may read of an error from an AWS SDK client, and which errors are worth
 * another attempt. Shared by the processor's callback and the custom resource handlers.
 */

/** An error's type, status and code. */
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

/**
 * Error names a log may show: the exceptions the Chime SDK messaging and Comprehend APIs model, the SDK's own
 * (a timeout, an aborted request) and this library's. Any other name came from the answer's
 * body or headers, which may echo the request: it is logged as `UnmodeledError`.
 */
const LOGGABLE_NAMES = new Set([
  'BadRequestException', 'ConflictException', 'ForbiddenException', 'NotFoundException', 'ResourceLimitExceededException',
  'ServiceFailureException', 'ServiceUnavailableException', 'ThrottledClientException', 'UnauthorizedClientException',
  'Error', 'TimeoutError', 'AbortError', 'AttemptTimeoutError', 'NoTimeLeftError', 'ResponseTooLargeError',
  // Amazon Comprehend's, and this library's verdict on an answer of it.
  'InvalidRequestException', 'TextSizeLimitExceededException', 'UnsupportedLanguageException', 'InternalServerException',
  'TooManyRequestsException', 'ComprehendAnswerError', 'DeadlineReachedError',
  // Lambda's, when the processor invokes a processing hook, and this library's verdicts on the hook.
  'ServiceException', 'ResourceNotFoundException', 'AccessDeniedException', 'EC2ThrottledException', 'ResourceConflictException',
  'HookFunctionError', 'HookAnswerNotJsonError', 'HookAnswerError',
]);

/**
 * What a log line or a thrown error may say of an error: a name from LOGGABLE_NAMES, the HTTP
 * status, and a network error code of Node.js; nothing else the answer carried.
 */
export function loggableErrorFacts(error: unknown): ErrorFacts {
  const { name, httpStatus, code } = errorFacts(error);
  return {
    name: name === undefined ? undefined : LOGGABLE_NAMES.has(name) ? name : 'UnmodeledError',
    httpStatus,
    code: code !== undefined && NETWORK_CODES.has(code) ? code : undefined,
  };
}

/** What the error says of itself, for deciding what to do: never for a log. */
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

/** A 404: what the call names (a channel's association, a flow) is not there. */
export function isNotFound(error: unknown): boolean {
  const { name, httpStatus } = errorFacts(error);
  return name === 'NotFoundException' || httpStatus === 404;
}

/**
 * A 409: another call on the same resource is in flight (or, for an association, the channel
 * has a flow), whose outcome is unknown. Worth asking again.
 */
export function isConflict(error: unknown): boolean {
  const { name, httpStatus } = errorFacts(error);
  return name === 'ConflictException' || httpStatus === 409;
}

/** The service asked the caller to slow down. */
export function isThrottle(error: unknown): boolean {
  const { name, httpStatus } = errorFacts(error);
  return httpStatus === 429 || name === 'ThrottledClientException' || name === 'ThrottlingException' || name === 'Throttling'
    || name === 'TooManyRequestsException';
}
