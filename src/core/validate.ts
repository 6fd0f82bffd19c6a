/**
 * The one validator of the policy document, run by the construct at synth time (each problem
 * becomes a synth error naming the prop) and by the processor when it loads its document.
 */
import { POLICY_DOCUMENT_VERSION, PolicyDocument } from './document';
import { LIMITS } from './limits';
import { parseTemplate } from './template';
import { utf8Length } from './text';

export interface PolicyProblem {
  /** Where the problem is, in the terms of the construct's props, for example `messageAttributes[1] (set "source")`. */
  readonly path: string;
  readonly message: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function lengthProblem(value: unknown, what: string, max: number): string | undefined {
  if (typeof value !== 'string') return `${what} must be a string`;
  if (value.length < 1 || value.length > max) return `${what} must be 1-${max} characters, got ${value.length}`;
  return undefined;
}

function checkAttributes(rules: unknown, problems: PolicyProblem[]): void {
  if (!Array.isArray(rules)) {
    problems.push({ path: 'messageAttributes', message: 'must be a list of rules' });
    return;
  }
  // What fixed `set` rules leave behind is known at synth time, so its total size is checked here.
  const fixed = new Map<string, readonly string[]>();
  rules.forEach((rule: unknown, index) => {
    const label = isObject(rule) ? `${typeof rule.op === 'string' ? rule.op : 'rule'} ${typeof rule.name === 'string' ? JSON.stringify(rule.name) : '(no name)'}` : 'rule';
    const path = `messageAttributes[${index}] (${label})`;
    const report = (message: string | undefined) => message && problems.push({ path, message });
    if (!isObject(rule)) return report('must be an object');
    report(lengthProblem(rule.name, 'the attribute name', LIMITS.attributeKeyMaxChars));
    const name = String(rule.name);
    switch (rule.op) {
      case 'set':
        if (!Array.isArray(rule.values) || rule.values.length === 0) return report('needs at least one value');
        rule.values.forEach((value: unknown, i: number) => report(lengthProblem(value, `value ${i}`, LIMITS.attributeValueMaxChars)));
        fixed.set(name, rule.values as string[]);
        return;
      case 'fromMetadata':
        fixed.delete(name);
        return report(typeof rule.key === 'string' && rule.key.length > 0 ? undefined : 'the metadata key must be a non-empty string');
      case 'fromSender':
        fixed.delete(name);
        return report(rule.field === 'name' || rule.field === 'arn' ? undefined : 'the sender field must be "name" or "arn"');
      case 'remove':
        fixed.delete(name);
        return;
      default:
        return report('has an unknown op');
    }
  });
  let total = 0;
  for (const [name, values] of fixed) total += utf8Length(name) + values.reduce((sum, value) => sum + utf8Length(value), 0);
  if (total > LIMITS.attributesMaxBytes) {
    problems.push({
      path: 'messageAttributes',
      message: `the fixed attributes take ${total} bytes; a message's attributes hold at most ${LIMITS.attributesMaxBytes} bytes in all`,
    });
  }
}

function checkTemplate(template: unknown, what: string, max: number, report: (message: string) => void): void {
  if (typeof template !== 'string' || template.length === 0) return report(`the ${what} must be a non-empty template`);
  const parsed = parseTemplate(template);
  if (!parsed.ok) return report(`the ${what} has an ${parsed.error}`);
  if (parsed.fixedText.length > max) {
    report(`the ${what}'s fixed text is ${parsed.fixedText.length} characters; a push notification ${what} holds at most ${max}`);
  }
}

function checkPush(rules: unknown, problems: PolicyProblem[]): void {
  if (!Array.isArray(rules)) {
    problems.push({ path: 'pushNotification', message: 'must be a list of rules' });
    return;
  }
  rules.forEach((rule: unknown, index) => {
    const path = `pushNotification[${index}]`;
    const report = (message: string) => problems.push({ path, message });
    if (!isObject(rule)) return report('must be an object');
    if (rule.action === 'suppress') return undefined;
    if (rule.action !== 'send') return report('has an unknown action');
    checkTemplate(rule.title, 'title', LIMITS.pushTitleMaxChars, report);
    checkTemplate(rule.body, 'body', LIMITS.pushBodyMaxChars, report);
    return rule.type === 'DEFAULT' || rule.type === 'VOIP' ? undefined : report('the type must be DEFAULT or VOIP');
  });
}

/** Every problem of `document`; none means the processor can apply it to any event. */
export function validatePolicyDocument(document: unknown): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (!isObject(document)) return [{ path: 'policy', message: 'the policy document must be a JSON object' }];
  if (document.version !== POLICY_DOCUMENT_VERSION) {
    problems.push({ path: 'policy', message: `the policy document version must be ${POLICY_DOCUMENT_VERSION}` });
  }
  checkAttributes(document.attributes, problems);
  checkPush(document.push, problems);
  return problems;
}

/** `document` as a PolicyDocument, or an error that lists every problem. */
export function assertPolicyDocument(document: unknown): PolicyDocument {
  const problems = validatePolicyDocument(document);
  if (problems.length > 0) {
    throw new Error(`invalid policy document: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
  return document as PolicyDocument;
}
