import { parseTemplate, renderTemplate, TemplateValues } from '../../src/core/template';

const values: TemplateValues = {
  single: (source) => ({ 'content': 'hello', 'sender.name': 'Alice', 'channel.arn': 'arn:c', 'message.id': 'm1' } as any)[source],
  keyed: (source, key) => (source === 'metadata' ? { topic: ['release'] } : { tags: ['a', 'b'] } as any)[key] ?? [],
};

function render(template: string): string {
  const parsed = parseTemplate(template);
  if (!parsed.ok) throw new Error(parsed.error);
  return renderTemplate(parsed.parts, values);
}

describe('templates', () => {
  test('fill every placeholder, tolerating spaces inside the braces', () => {
    expect(render('{{sender.name}}: {{ content }}')).toBe('Alice: hello');
    expect(render('{{metadata.topic}} in {{channel.arn}} ({{message.id}})')).toBe('release in arn:c (m1)');
    expect(render('tags {{attributes.tags}}')).toBe('tags a, b');
  });

  test('render missing values as nothing', () => {
    expect(render('[{{sender.arn}}][{{metadata.none}}][{{attributes.none}}]')).toBe('[][][]');
  });

  test('keep single braces, and refuse a placeholder that is never closed', () => {
    expect(render('a { b } }} {c}')).toBe('a { b } }} {c}');
    expect(parseTemplate('New: {{content')).toEqual({ ok: false, error: 'unclosed placeholder "{{content": a placeholder is {{name}}' });
    expect(parseTemplate('a {{ {c}')).toMatchObject({ ok: false });
  });

  test('report the fixed text', () => {
    expect(parseTemplate('New message from {{sender.name}}')).toMatchObject({ ok: true, fixedText: 'New message from ' });
    expect(parseTemplate('Fixed')).toMatchObject({ ok: true, fixedText: 'Fixed', parts: [{ text: 'Fixed' }] });
  });

  test.each(['{{sender.nick}}', '{{metadata.}}', '{{attributes}}', '{{}}', '{{Content}}'])('refuse the unknown placeholder %s', (template) => {
    const parsed = parseTemplate(template);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/^unknown placeholder \{\{.*\}\}; known: \{\{content\}\}/);
  });
});
