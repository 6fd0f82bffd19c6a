/**
 * A policy document checked and prepared once per container: conditions and patterns
 * compiled, templates parsed, ready for any number of messages.
 */
import { checkPolicyDocument, describeProblems, ParsedPushRule } from './check-policy';
import { compileCondition, CompiledCondition } from './conditions';
import { DETECTORS, Span } from './detectors';
import { AttributeRuleDocument, ConditionDocument, PolicyDocument } from './document';
import { CompiledPattern, StepBudget } from './pattern/vm';

/** An attribute rule ready to apply: `fromContent` rules carry their compiled pattern. */
export type CompiledAttributeRule = { readonly when?: CompiledCondition } & (
  | { readonly rule: Extract<AttributeRuleDocument, { op: 'fromContent' }>; readonly pattern: CompiledPattern }
  | { readonly rule: Exclude<AttributeRuleDocument, { op: 'fromContent' }> });

export type CompiledPushRule = ParsedPushRule<CompiledCondition>;

export interface CompiledRedaction {
  readonly find: (text: string, budget: StepBudget) => Span[];
  readonly replacement: string;
}

/** A policy document checked and prepared once (patterns compiled, templates parsed), ready for any number of messages. */
export interface CompiledPolicy {
  readonly document: PolicyDocument;
  readonly deny: readonly CompiledCondition[];
  readonly redact: readonly CompiledRedaction[];
  readonly messageAttributes: readonly CompiledAttributeRule[];
  readonly pushNotification: readonly CompiledPushRule[];
}

/** The document compiled, or an error that lists every problem it has. */
export function compilePolicy(document: unknown): CompiledPolicy {
  const checked = checkPolicyDocument(document);
  if (!checked.ok) throw new Error(`invalid policy document: ${describeProblems(checked.problems)}`);
  const { moderation, messageAttributes } = checked.document;
  const when = (rule: { when?: ConditionDocument }) => (rule.when ? compileCondition(rule.when) : undefined);
  return {
    document: checked.document,
    deny: moderation.deny.map(compileCondition),
    redact: moderation.redact.map((redaction) => {
      if (redaction.kind !== 'pattern') return { find: DETECTORS[redaction.kind], replacement: redaction.replacement };
      const pattern = new CompiledPattern(redaction.syntax, redaction.ignoreCase);
      const find = (text: string, budget: StepBudget) => pattern.matchAll(text, budget).map((m) => [m.start, m.end] as const);
      return { find, replacement: redaction.replacement };
    }),
    messageAttributes: messageAttributes.map((rule): CompiledAttributeRule => (rule.op === 'fromContent'
      ? { rule, when: when(rule), pattern: new CompiledPattern(rule.syntax, rule.ignoreCase) }
      : { rule, when: when(rule) })),
    pushNotification: checked.pushNotification.map((rule): CompiledPushRule => ({ ...rule, when: when(rule) })),
  };
}

