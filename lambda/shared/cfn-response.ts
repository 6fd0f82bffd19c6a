/**
 * The answer to CloudFormation: the response object, fitted to the size CloudFormation takes,
 * and its one PUT to the pre-signed response URL.
 */
import { errorFacts } from './aws-errors';
import { DeadlineReachedError } from './retry-until';
import { CUSTOM_RESOURCE_LIMITS } from '../../src/core/limits';

/** What CloudFormation sends every custom resource (the fields these handlers read). */
export interface CustomResourceEventBase {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
}

/**
 * An error as a reason shows it in the stack's events: its type, status and the service's words
 * (the custom resources' calls carry ARNs only, never a message's content). A deadline is shown
 * by the failure it cut short.
 */
export function describeError(error: unknown): string {
  const cause = error instanceof DeadlineReachedError && error.lastError !== undefined ? error.lastError : error;
  const { name, httpStatus } = errorFacts(cause);
  const message = (cause as { message?: unknown } | undefined)?.message;
  return `${name ?? 'Error'}${httpStatus ? ` (HTTP ${httpStatus})` : ''}${typeof message === 'string' && message ? `: ${message}` : ''}`;
}

/** What CloudFormation takes back through the response URL. */
export interface CustomResourceResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
}

const bytes = (response: CustomResourceResponse) => Buffer.byteLength(JSON.stringify(response), 'utf8');
const ELLIPSIS = '\u2026';

/**
 * The response with its reason cut, at a character boundary, so that the JSON body is within
 * CloudFormation's limit in bytes (escaping included).
 */
export function fitResponse(response: CustomResourceResponse, maxBytes: number = CUSTOM_RESOURCE_LIMITS.responseMaxBytes): CustomResourceResponse {
  if (bytes(response) <= maxBytes) return response;
  const characters = Array.from(response.Reason);
  let [fits, over] = [0, characters.length];
  while (over - fits > 1) {
    const middle = Math.floor((fits + over) / 2);
    if (bytes({ ...response, Reason: characters.slice(0, middle).join('') + ELLIPSIS }) <= maxBytes) fits = middle;
    else over = middle;
  }
  return { ...response, Reason: characters.slice(0, fits).join('') + ELLIPSIS };
}

/** Sends the response to CloudFormation's pre-signed URL, retrying; throws when it cannot. */
export async function sendResponse(url: string, response: CustomResourceResponse): Promise<void> {
  const body = JSON.stringify(fitResponse(response));
  let problem = '';
  // Three attempts of at most 4 s, 0.5 s and 1 s apart (under 14 s): with the calls in flight
  // and a hand-over, within the time kept back at the end of an invocation.
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 500 * (attempt - 1)));
    try {
      // An empty content type: the URL is signed without one. fetch sets the length in bytes.
      const answer = await fetch(url, { method: 'PUT', body, headers: { 'content-type': '' }, signal: AbortSignal.timeout(4_000) });
      if (answer.ok) return;
      problem = `HTTP ${answer.status}`;
    } catch (error) {
      problem = String(error);
    }
  }
  throw new Error(`could not answer CloudFormation: ${problem}`);
}
