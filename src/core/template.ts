/**
 * Push notification templates: fixed text with `{{placeholder}}`s filled from the message.
 *
 * Placeholders: `{{content}}`, `{{sender.name}}`, `{{sender.arn}}`, `{{channel.arn}}`,
 * `{{message.id}}`, `{{metadata.KEY}}` (a top-level key of the JSON metadata) and
 * `{{attributes.NAME}}` (the message's attributes after the attribute rules). A placeholder
 * with no value renders as nothing; several values are joined with ", ".
 */

export type TemplateSource = 'content' | 'sender.name' | 'sender.arn' | 'channel.arn' | 'message.id';

export type TemplatePart =
  | { readonly text: string }
  | { readonly source: TemplateSource }
  | { readonly source: 'metadata' | 'attributes'; readonly key: string };

export const TEMPLATE_SOURCES: readonly TemplateSource[] = ['content', 'sender.name', 'sender.arn', 'channel.arn', 'message.id'];
const KEYED_SOURCES = ['metadata', 'attributes'] as const;
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export type TemplateParse =
  | { readonly ok: true; readonly parts: readonly TemplatePart[]; readonly fixedText: string }
  | { readonly ok: false; readonly error: string };

/** Splits a template into fixed text and placeholders, or says which placeholder it does not know. */
export function parseTemplate(template: string): TemplateParse {
  const parts: TemplatePart[] = [];
  let fixedText = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const text = template.slice(last, match.index);
    if (text) parts.push({ text });
    fixedText += text;
    last = match.index! + match[0].length;
    const name = match[1].trim();
    if ((TEMPLATE_SOURCES as readonly string[]).includes(name)) {
      parts.push({ source: name as TemplateSource });
      continue;
    }
    const keyed = KEYED_SOURCES.find((source) => name.startsWith(`${source}.`));
    const key = keyed ? name.slice(keyed.length + 1) : '';
    if (!keyed || key.length === 0) {
      return {
        ok: false,
        error: `unknown placeholder {{${name}}}; known: ${[...TEMPLATE_SOURCES, 'metadata.KEY', 'attributes.NAME'].map((s) => `{{${s}}}`).join(', ')}`,
      };
    }
    parts.push({ source: keyed, key });
  }
  const tail = template.slice(last);
  if (tail) parts.push({ text: tail });
  fixedText += tail;
  // What is left of `{{` in the fixed text opens a placeholder that never closes: a typo, which
  // would otherwise reach every notification as it is.
  const unclosed = fixedText.indexOf('{{');
  if (unclosed !== -1) {
    return { ok: false, error: `unclosed placeholder ${JSON.stringify(fixedText.slice(unclosed, unclosed + 20))}: a placeholder is {{name}}` };
  }
  return { ok: true, parts, fixedText };
}

/** What a template can read of a message. */
export interface TemplateValues {
  single(source: TemplateSource): string | undefined;
  keyed(source: 'metadata' | 'attributes', key: string): readonly string[];
}

/**
 * The template filled in. With `maxUnits`, rendering stops once the text is longer than
 * `maxUnits + 1` code units (each part taken to at most `maxUnits + 2`): enough for the caller
 * to see that it is too long and cut it at a character boundary, without copying a 4 KB content
 * to make 150 characters.
 */
export function renderTemplate(parts: readonly TemplatePart[], values: TemplateValues, maxUnits = Infinity): string {
  let out = '';
  for (const part of parts) {
    const value = 'text' in part ? part.text : 'key' in part ? values.keyed(part.source, part.key).join(', ') : values.single(part.source) ?? '';
    out += value.length > maxUnits + 2 ? value.slice(0, maxUnits + 2) : value;
    if (out.length > maxUnits + 1) return out;
  }
  return out;
}
