/**
 * A policy document checked and prepared once per container: conditions and patterns
 * compiled, templates parsed, ready for any number of messages.
 */
import { compileCondition, CompiledCondition } from './conditions';
import { DETECTORS, Span } from './detectors';
import { AttributeRuleDocument, PolicyDocument, PushNotificationTypeName } from './document';
import { CompiledPattern, StepBudget } from './pattern/vm';
import { parseTemplate, TemplatePart } from './template';
import { assertPolicyDocument } from './validate';

/** An attribute rule ready to apply: `fromContent` rules carry their compiled pattern. */
export type CompiledAttributeRule = { readonly when?: CompiledCondition } & (
  | { readonly rule: Extract<AttributeRuleDocument, { op: 'fromContent' }>; readonly pattern: CompiledPattern }
  | { readonly rule: Exclude<AttributeRuleDocument, { op: 'fromContent' }> });

export type CompiledPushRule = { readonly when?: CompiledCondition } & (
  | { readonly action: 'send'; readonly title: readonly TemplatePart[]; readonly body: readonly TemplatePart[]; readonly type: PushNotificationTypeName }
  | { readonly action: 'suppress' });

export interface CompiledRedaction {
  readonly find: (text: string, budget: StepBudget) => Span[];
  readonly replacement: string;
}

/** A policy document checked and prepared once (patterns compiled, templates parsed), ready for any number of messages. */
export interface CompiledPolicy {
  readonly document: PolicyDocument;
  readonly deny: readonly CompiledCondition[];
  readonly redact: readonly CompiledRedaction[];
  readonly attributes: readonly CompiledAttributeRule[];
  readonly push: readonly CompiledPushRule[];
}

function templateParts(template: string): readonly TemplatePart[] {
  const parsed = parseTemplate(template);
  if (!parsed.ok) throw new Error(parsed.error); // unreachable: the validator parsed it already
  return parsed.parts;
}

export function compilePolicy(document: unknown): CompiledPolicy {
  const checked = assertPolicyDocument(document);
  const when = (rule: { when?: Parameters<typeof compileCondition>[0] }) => (rule.when ? compileCondition(rule.when) : undefined);
  return {
    document: checked,
    deny: checked.moderation.deny.map(compileCondition),
    redact: checked.moderation.redact.map((redaction) => {
      if (redaction.kind !== 'pattern') return { find: DETECTORS[redaction.kind], replacement: redaction.replacement };
      const pattern = new CompiledPattern(redaction.syntax, redaction.ignoreCase);
      const find = (text: string, budget: StepBudget) => pattern.matchAll(text, budget).map((m) => [m.start, m.end] as const);
      return { find, replacement: redaction.replacement };
    }),
    attributes: checked.attributes.map((rule): CompiledAttributeRule => (rule.op === 'fromContent'
      ? { rule, when: when(rule), pattern: new CompiledPattern(rule.syntax, rule.ignoreCase) }
      : { rule, when: when(rule) })),
    push: checked.push.map((rule): CompiledPushRule => rule.action === 'send'
      ? { action: 'send', title: templateParts(rule.title), body: templateParts(rule.body), type: rule.type, when: when(rule) }
      : { action: 'suppress', when: when(rule) }),
  };
}

