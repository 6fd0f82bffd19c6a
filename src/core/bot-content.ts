/**
 * A bot's structured content: an AppInstanceBot answers with Amazon Lex's messages as JSON
 * (ContentType `application/amz-chime-lex-msgs`, or `-lex-error`), which the channel's apps
 * parse. A redaction applies to its text values one by one, never to its keys, numbers or
 * punctuation, so the result is JSON of the same structure (numbers as written, lossless-json);
 * content that does not parse as JSON is left alone.
 */
import { isLosslessNumber, parse, stringify } from 'lossless-json';

export const BOT_CONTENT_TYPES: readonly string[] = ['application/amz-chime-lex-msgs', 'application/amz-chime-lex-error'];

export const isBotContent = (contentType: string | undefined) => contentType !== undefined && BOT_CONTENT_TYPES.includes(contentType);

/** `json` with each string value (at any depth, keys never) replaced by `rewrite(value)`; undefined when `json` is not JSON. */
export function rewriteStringValues(json: string, rewrite: (value: string) => string): string | undefined {
  let parsed: unknown;
  try {
    parsed = parse(json);
  } catch {
    return undefined;
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
