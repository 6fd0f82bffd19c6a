/**
 * A bot's structured content: an AppInstanceBot answers with Amazon Lex's messages as JSON
 * (ContentType `application/amz-chime-lex-msgs`, or `-lex-error`), which the channel's apps
 * parse. A redaction applies to its text values one by one, never to its keys, numbers or
 * punctuation, so the result is JSON of the same structure (numbers as written, lossless-json).
 * Only a bot's message is structured so: any sender can set the ContentType, and a user's
 * message is redacted as text whatever it claims to be.
 */
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { BOT_ARN_PATTERN } from './limits';

export const BOT_CONTENT_TYPES: readonly string[] = ['application/amz-chime-lex-msgs', 'application/amz-chime-lex-error'];

/** Whether the message is a bot's structured answer: an AppInstanceBot sent it, with a Lex content type. */
export const isBotContent = (message: { readonly senderArn?: string; readonly contentType?: string }) =>
  message.senderArn !== undefined && BOT_ARN_PATTERN.test(message.senderArn)
  && message.contentType !== undefined && BOT_CONTENT_TYPES.includes(message.contentType);

/** The bot's content parses as JSON, but gives a key twice: which value the apps read cannot be told, so it is not rewritten. */
export class AmbiguousBotContentError extends Error {
  public readonly name = 'AmbiguousBotContentError';
}

/**
 * `json` with each string value (at any depth, keys never) replaced by `rewrite(value)`;
 * undefined when `json` is not JSON (it has no structure to keep). Throws
 * AmbiguousBotContentError for JSON that gives a key twice.
 */
export function rewriteStringValues(json: string, rewrite: (value: string) => string): string | undefined {
  try {
    JSON.parse(json);
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = parse(json);
  } catch {
    throw new AmbiguousBotContentError('the bot\'s content gives a key twice');
  }
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return rewrite(value);
    if (Array.isArray(value)) return value.map(visit);
    if (value !== null && typeof value === 'object' && !isLosslessNumber(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item)]));
    }
    return value;
  };
  return stringify(visit(parsed));
}
