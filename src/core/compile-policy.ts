/**
 * A policy document checked and prepared once per container: conditions and patterns
 * compiled, templates parsed, ready for any number of messages.
 */
import { checkPolicyDocument, describeProblems, ParsedPushRule } from './check-policy';
import { ComprehendApi } from './comprehend';
import { cheapFirst, compileCondition, CompiledCondition, MessageFacts } from './conditions';
import { DETECTORS, Span } from './detectors';
import { AttributeRuleDocument, comprehendApisOf, ConditionDocument, PolicyDocument, RedactionDocument } from './document';
import { CompiledPattern } from './pattern/vm';
import { widenToGraphemes } from './text';

/** An attribute rule ready to apply: `fromContent` rules carry their compiled pattern. */
export type CompiledAttributeRule = { readonly when?: CompiledCondition } & (
  | { readonly rule: Extract<AttributeRuleDocument, { op: 'fromContent' }>; readonly pattern: CompiledPattern }
  | { readonly rule: Exclude<AttributeRuleDocument, { op: 'fromContent' }> });

export type CompiledPushRule = ParsedPushRule<CompiledCondition>;

/** What a redaction found, what replaces it, and the redaction's place in the policy (the first listed wins an overlap). */
export interface RedactionFind {
  readonly span: Span;
  readonly replacement: string;
  readonly order: number;
}

export interface CompiledRedaction {
  /** The finds in `text`, the content as it arrived; `order` is this redaction's place in the policy. */
  readonly find: (text: string, facts: MessageFacts, order: number) => RedactionFind[];
  /** Its finds are placed in the whole content (Comprehend's), not in any text given to it. */
  readonly wholeContent?: boolean;
}

/** A deny condition, with the Comprehend APIs it may ask for. */
export interface CompiledDeny {
  readonly holds: CompiledCondition;
  readonly apis: ReadonlySet<ComprehendApi>;
}

/** A policy document checked and prepared once (patterns compiled, templates parsed), ready for any number of messages. */
export interface CompiledPolicy {
  readonly document: PolicyDocument;
  /** Those that need no Comprehend answer first. */
  readonly deny: readonly CompiledDeny[];
  readonly redact: readonly CompiledRedaction[];
  /** The Comprehend APIs the steps after moderation.deny may ask for (redactions, attribute rules, push rules). */
  readonly apisAfterDeny: ReadonlySet<ComprehendApi>;
  /** The same less the redactions': what a bot's structured content needs (its redactions take no entities). */
  readonly apisAfterRedaction: ReadonlySet<ComprehendApi>;
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
    deny: cheapFirst(moderation.deny).map((condition) => ({ holds: compileCondition(condition), apis: comprehendApisOf(condition) })),
    redact: moderation.redact.map(compileRedaction),
    apisAfterDeny: comprehendApisOf([moderation.redact, messageAttributes, checked.document.pushNotification]),
    apisAfterRedaction: comprehendApisOf([messageAttributes, checked.document.pushNotification]),
    messageAttributes: messageAttributes.map((rule): CompiledAttributeRule => (rule.op === 'fromContent'
      ? { rule, when: when(rule), pattern: new CompiledPattern(rule.syntax, rule.ignoreCase) }
      : { rule, when: when(rule) })),
    pushNotification: checked.pushNotification.map((rule): CompiledPushRule => ({ ...rule, when: when(rule) })),
  };
}


function compileRedaction(redaction: RedactionDocument): CompiledRedaction {
  switch (redaction.kind) {
    case 'pattern': {
      const pattern = new CompiledPattern(redaction.syntax, redaction.ignoreCase);
      const { replacement } = redaction;
      return {
        find: (text, facts, order) => pattern.matchAll(text, facts.budget).map((m) => ({ span: [m.start, m.end] as const, replacement, order })),
      };
    }
    case 'piiEntities': {
      const types = redaction.types ? new Set(redaction.types) : undefined;
      const { minScore, replacement } = redaction;
      // An entity is widened to whole characters as users see them (grapheme clusters), so no
      // accent or joined emoji of it is left in clear.
      return {
        wholeContent: true,
        find: (text, facts, order) => facts.piiEntities()
          .filter((entity) => entity.score >= minScore && (!types || types.has(entity.type)))
          .map((entity) => ({ span: widenToGraphemes(text, entity.start, entity.end), replacement: replacement ?? `[${entity.type}]`, order })),
      };
    }
    default: {
      const detect = DETECTORS[redaction.kind];
      const { replacement } = redaction;
      return { find: (text, _facts, order) => detect(text).map((span) => ({ span, replacement, order })) };
    }
  }
}
