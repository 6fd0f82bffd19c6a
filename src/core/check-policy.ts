/**
 * The one check of the policy document, run by the construct at synth time (one synth error
 * at the first problem's prop, listing every problem) and by the processor when it loads its
 * document.
 * Problems are reported with the paths of the construct's props, which are also the
 * document's field names.
 */
import { COMPREHEND_LANGUAGES, isScore, LanguageBoundApi, PII_ENTITY_TYPES } from './comprehend';
import { checkCondition, checkNames } from './conditions';
import {
  AttributeRuleDocument, comprehendApisOf, ConditionDocument, POLICY_DOCUMENT_VERSION, PolicyDocument, PushNotificationTypeName, RedactionDocument,
} from './document';
import { isServiceAttribute } from './fit';
import { isJsonObject, JsonObject } from './json';
import { LIMITS } from './limits';
import { checkPattern } from './pattern/check';
import { parseTemplate, TemplatePart } from './template';
import { utf8Length } from './text';

export interface PolicyProblem {
  /** Where the problem is, in the terms of the construct's props, for example `messageAttributes[1] (set "source")`. */
  readonly path: string;
  readonly message: string;
}

/** The longest replacement accepted (`RedactionOptions.replacement`); redacted content that grows past 4 KB is still cut at run time (decide.ts). */
export const REPLACEMENT_MAX_CHARS = 100;

/**
 * A push rule with its templates parsed, as the check leaves it, so that nothing parses them
 * twice. `When` is the form of its condition: a document here, a function once compiled.
 */
export type ParsedPushRule<When = ConditionDocument> = { readonly when?: When } & (
  | { readonly action: 'send'; readonly title: readonly TemplatePart[]; readonly body: readonly TemplatePart[]; readonly type: PushNotificationTypeName }
  | { readonly action: 'suppress' });

/** A document the processor can apply to any event, with what the check parsed; or every problem found. */
export type PolicyCheck =
  | { readonly ok: true; readonly document: PolicyDocument; readonly pushNotification: readonly ParsedPushRule[] }
  | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

type Report = (path: string, message: string | undefined) => void;

function checkLength(value: unknown, what: string, max: number): string | undefined {
  if (typeof value !== 'string') return `${what} must be a string`;
  if (value.length < 1 || value.length > max) return `${what} must be 1-${max} characters, got ${value.length}`;
  return undefined;
}

function checkWhen(rule: JsonObject, path: string, report: Report): ConditionDocument | undefined {
  if (rule.when !== undefined) checkCondition(rule.when, `${path}.when`, report);
  return rule.when as ConditionDocument | undefined;
}

/**
 * The check of each kind of attribute rule, keyed by the document's ops: an op added to
 * AttributeRuleDocument does not compile until it has its check here.
 */
const ATTRIBUTE_RULE_CHECKS = {
  set: (rule) => (!Array.isArray(rule.values) || rule.values.length === 0 ? ['needs at least one value']
    : rule.values.map((value: unknown, i: number) => checkLength(value, `value ${i}`, LIMITS.attributeValueMaxChars))),
  fromMetadata: (rule) => [typeof rule.key === 'string' && rule.key.length > 0 ? undefined : 'the metadata key must be a non-empty string'],
  fromSender: (rule) => [rule.field === 'name' || rule.field === 'arn' ? undefined : 'the sender field must be "name" or "arn"'],
  fromContent: (rule) => [checkPattern(rule, true)],
  fromDominantLanguage: () => [],
  remove: () => [],
} satisfies Record<AttributeRuleDocument['op'], (rule: JsonObject) => readonly (string | undefined)[]>;

const isAttributeOp = (op: unknown): op is AttributeRuleDocument['op'] =>
  typeof op === 'string' && Object.prototype.hasOwnProperty.call(ATTRIBUTE_RULE_CHECKS, op);

function checkAttributes(rules: unknown, report: Report): void {
  if (!Array.isArray(rules)) return report('messageAttributes', 'must be a list of rules');
  // What unconditional `set` rules leave behind is known at synth time, so its total size is
  // checked here; a rule with `when` may not apply, and is left to the run-time fitting.
  const fixed = new Map<string, readonly string[]>();
  rules.forEach((rule: unknown, index) => {
    const label = isJsonObject(rule)
      ? `${typeof rule.op === 'string' ? rule.op : 'rule'} ${typeof rule.name === 'string' ? JSON.stringify(rule.name) : '(no name)'}`
      : 'rule';
    const path = `messageAttributes[${index}] (${label})`;
    const problem = (message: string | undefined) => report(path, message);
    if (!isJsonObject(rule)) return problem('must be an object');
    checkWhen(rule, path, report);
    problem(checkLength(rule.name, 'the attribute name', LIMITS.attributeKeyMaxChars));
    const name = String(rule.name);
    if (isServiceAttribute(name) && rule.serviceAttribute !== true) {
      problem(`${rule.op === 'remove' ? 'removes' : 'writes'} ${name}, an attribute the service reads (CHIME.: a bot's mentions and session); `
        + 'give MessageAttributePolicy.of(rules, { allowServiceAttributes: true }) if you mean it');
    }
    const op = rule.op;
    if (!isAttributeOp(op)) return problem('has an unknown op');
    ATTRIBUTE_RULE_CHECKS[op](rule).forEach(problem);
    // Only a removal surely takes a fixed value away: other rules keep it when their source yields nothing.
    if (rule.when === undefined && op === 'set' && Array.isArray(rule.values) && rule.values.length > 0) fixed.set(name, rule.values as string[]);
    if (rule.when === undefined && op === 'remove') fixed.delete(name);
    return undefined;
  });
  let total = 0;
  for (const [name, values] of fixed) total += utf8Length(name) + values.reduce((sum, value) => sum + utf8Length(value), 0);
  if (total > LIMITS.attributesMaxBytes) {
    report('messageAttributes', `the fixed attributes take ${total} bytes; a message's attributes hold at most ${LIMITS.attributesMaxBytes} bytes in all`);
  }
  return undefined;
}

/** The template's parts, or undefined after reporting its problem. */
function checkTemplate(template: unknown, what: string, max: number, problem: (message: string) => void): readonly TemplatePart[] | undefined {
  const parsed = typeof template === 'string' && template.length > 0 ? parseTemplate(template) : undefined;
  if (parsed === undefined) {
    problem(`the ${what} must be a non-empty template`);
  } else if (!parsed.ok) {
    problem(`the ${what} has an ${parsed.error}`);
  } else if (parsed.fixedText.length > max) {
    problem(`the ${what}'s fixed text is ${parsed.fixedText.length} characters; a push notification ${what} holds at most ${max}`);
  } else {
    return parsed.parts;
  }
  return undefined;
}

/** The rules with their templates parsed; those with a problem are reported and left out. */
function checkPush(rules: unknown, report: Report): ParsedPushRule[] {
  if (!Array.isArray(rules)) {
    report('pushNotification', 'must be a list of rules');
    return [];
  }
  // The first rule that applies wins: after one that applies to every message, none is reached.
  const always = rules.findIndex((rule: unknown) => isJsonObject(rule) && rule.when === undefined);
  return rules.flatMap((rule: unknown, index): ParsedPushRule[] => {
    const path = `pushNotification[${index}]`;
    const problem = (message: string) => report(path, message);
    if (always !== -1 && index > always) problem(`is never reached: pushNotification[${always}] applies to every message (it has no when)`);
    if (!isJsonObject(rule)) {
      problem('must be an object');
      return [];
    }
    const when = checkWhen(rule, path, report);
    if (rule.action === 'suppress') return [{ action: 'suppress', when }];
    if (rule.action !== 'send') {
      problem('has an unknown action');
      return [];
    }
    const title = checkTemplate(rule.title, 'title', LIMITS.pushTitleMaxChars, problem);
    const body = checkTemplate(rule.body, 'body', LIMITS.pushBodyMaxChars, problem);
    if (rule.type !== 'DEFAULT' && rule.type !== 'VOIP') problem('the type must be DEFAULT or VOIP');
    return title && body ? [{ action: 'send', title, body, type: rule.type as PushNotificationTypeName, when }] : [];
  });
}

const NO_PROBLEM = () => [];

/**
 * The check of each kind of redaction beyond its replacement, keyed by the document's kinds: a
 * kind added to RedactionDocument (or a detector added to DETECTORS) does not compile until it
 * has its check here.
 */
const REDACTION_CHECKS = {
  pattern: (redaction) => [checkPattern(redaction, true)],
  piiEntities: (redaction) => [
    checkNames(redaction.types, PII_ENTITY_TYPES, 'PII entity types'),
    isScore(redaction.minScore) ? undefined : 'the minimum score must be a number from 0 to 1',
  ],
  email: NO_PROBLEM,
  phone: NO_PROBLEM,
  paymentCard: NO_PROBLEM,
  usSsn: NO_PROBLEM,
} satisfies Record<RedactionDocument['kind'], (redaction: JsonObject) => readonly (string | undefined)[]>;

const isRedactionKind = (kind: unknown): kind is RedactionDocument['kind'] =>
  typeof kind === 'string' && Object.prototype.hasOwnProperty.call(REDACTION_CHECKS, kind);

function checkModeration(moderation: unknown, report: Report): void {
  if (!isJsonObject(moderation) || !Array.isArray(moderation.deny) || !Array.isArray(moderation.redact)) {
    return report('moderation', 'must have a list of deny conditions and a list of redactions');
  }
  moderation.deny.forEach((condition: unknown, i: number) => checkCondition(condition, `moderation.deny[${i}]`, report));
  return moderation.redact.forEach((redaction: unknown, i: number) => {
    const path = `moderation.redact[${i}]`;
    if (!isJsonObject(redaction)) return report(path, 'must be an object');
    // Never empty: content redacted to nothing could not be sent (Content needs a character).
    // PII entities without one are replaced by their type (`[NAME]`).
    if (redaction.kind !== 'piiEntities' || redaction.replacement !== undefined) {
      report(path, checkLength(redaction.replacement, 'the replacement', REPLACEMENT_MAX_CHARS));
    }
    const kind = redaction.kind;
    if (!isRedactionKind(kind)) return report(path, `unknown redaction kind ${JSON.stringify(kind)}`);
    return REDACTION_CHECKS[kind](redaction).forEach((message) => report(path, message));
  });
}

/**
 * A policy with Comprehend rules says how they run; a fixed language must be one that every
 * API it uses analyzes, or every message would fail.
 */
function checkComprehend(document: JsonObject, report: Report): void {
  const apis = comprehendApisOf([document.moderation, document.messageAttributes, document.pushNotification]);
  const settings = document.comprehend;
  if (settings === undefined) {
    return report('comprehend', apis.size > 0 ? `the policy uses ${[...apis].join(', ')} and must say how Comprehend runs` : undefined);
  }
  if (!isJsonObject(settings)) return report('comprehend', 'must be an object');
  if (settings.unsupportedLanguage !== 'notDetected' && settings.unsupportedLanguage !== 'onError') {
    report('comprehend.unsupportedLanguage', 'must be "notDetected" or "onError"');
  }
  const language = settings.languageCode;
  if (language === 'detect') return undefined;
  if (language !== 'en' && language !== 'es') return report('comprehend.language', 'must be "en", "es" or "detect"');
  for (const api of Object.keys(COMPREHEND_LANGUAGES) as LanguageBoundApi[]) {
    if (apis.has(api) && !COMPREHEND_LANGUAGES[api].includes(language)) {
      report('comprehend.language', `${api} analyzes ${COMPREHEND_LANGUAGES[api].join(', ')} only; the policy asks for ${language}`);
    }
  }
  return undefined;
}

/** Checks `document` whole: every problem is reported, not only the first. */
export function checkPolicyDocument(document: unknown): PolicyCheck {
  if (!isJsonObject(document)) return { ok: false, problems: [{ path: 'policy', message: 'the policy document must be a JSON object' }] };
  const problems: PolicyProblem[] = [];
  const report: Report = (path, message) => {
    if (message !== undefined) problems.push({ path, message });
  };
  if (document.version !== POLICY_DOCUMENT_VERSION) report('policy', `the policy document version must be ${POLICY_DOCUMENT_VERSION}`);
  if (document.onError !== 'deliver' && document.onError !== 'deny') report('policy', 'onError must be "deliver" or "deny"');
  checkModeration(document.moderation, report);
  checkAttributes(document.messageAttributes, report);
  checkComprehend(document, report);
  const pushNotification = checkPush(document.pushNotification, report);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, document: document as unknown as PolicyDocument, pushNotification };
}

/** Problems as one line: `path: message; path: message`. */
export function describeProblems(problems: readonly PolicyProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}
