/**
 * Push notification filter rules: the escaped JSON a channel member sets as the `FilterRule` of
 * their `PushNotificationPreferences`, which the service matches against each message's
 * attributes. Parsed, checked against the service's limits, written back, and matched here,
 * for the construct at synth, the simulator and users' backends alike.
 *
 * The rule language: an object whose keys are attribute names, each with a list of matchers (an
 * exact string, or `{"anything-but": [strings]}`), all of which keys must hold; and `"$or"`,
 * a list of such objects one of which must hold.
 */
import { isJsonObject } from './json';
import { FILTER_RULE_LIMITS } from './limits';
import { utf8Length } from './text';

export type ValueMatcher = { readonly equals: string } | { readonly anythingBut: readonly string[] };

export interface AttributeConstraint {
  readonly name: string;
  /** The attribute holds when any of its values matches any of these. */
  readonly matchers: readonly ValueMatcher[];
}

/** A rule (or a branch of an `$or`): every constraint holds, and one branch of `anyOf` when it has one. */
export interface FilterRuleNode {
  readonly constraints: readonly AttributeConstraint[];
  readonly anyOf?: readonly FilterRuleNode[];
}

const OR = '$or';
const ANYTHING_BUT = 'anything-but';

export class FilterRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterRuleError';
  }
}

/** Keys plus values, as the service counts a rule's complexity (`$or` itself is not a key of an attribute). */
export function complexityOf(node: FilterRuleNode): number {
  const own = node.constraints.reduce((sum, c) => sum + 1 + c.matchers.reduce((n, m) => n + ('equals' in m ? 1 : m.anythingBut.length), 0), 0);
  return own + (node.anyOf ?? []).reduce((sum, branch) => sum + complexityOf(branch), 0);
}

/** The rule as the service takes it: the JSON text for `FilterRule`. */
export function renderFilterRule(node: FilterRuleNode): string {
  return JSON.stringify(jsonOf(node));
}

function jsonOf(node: FilterRuleNode): Record<string, unknown> {
  // No prototype, so that an attribute named `__proto__` is a key like any other.
  const json: Record<string, unknown> = Object.create(null);
  for (const { name, matchers } of node.constraints) {
    json[name] = matchers.map((m) => ('equals' in m ? m.equals : { [ANYTHING_BUT]: [...m.anythingBut] }));
  }
  if (node.anyOf) json[OR] = node.anyOf.map(jsonOf);
  return json;
}

/** What a wrong input is, for an error message: its type, never its contents. */
export function describeValue(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The values a filter factory was given, as strings; a clear error for anything else (from languages without the compiler's checks). */
export function checkFilterInput(name: unknown, values: unknown): asserts values is string[] {
  if (typeof name !== 'string') throw new FilterRuleError(`an attribute name is a string, got ${describeValue(name)}`);
  if (!Array.isArray(values)) throw new FilterRuleError(`the values of ${JSON.stringify(name)} are a list of strings, got ${describeValue(values)}`);
  const odd = values.findIndex((v) => typeof v !== 'string');
  if (odd >= 0) throw new FilterRuleError(`the values of ${JSON.stringify(name)} are strings, got ${describeValue(values[odd])}`);
}

/** A message's attributes as `matches` takes them: each name with a list of strings. */
export function checkAttributesInput(attributes: unknown): asserts attributes is Record<string, readonly string[]> {
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw new FilterRuleError(`the attributes are an object of attribute names to lists of strings, got ${describeValue(attributes)}`);
  }
  for (const [name, values] of Object.entries(attributes)) {
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
      throw new FilterRuleError(`the attribute ${JSON.stringify(name)} is a list of strings, got ${describeValue(values)}${Array.isArray(values) ? ' holding something else' : ''}`);
    }
  }
}

function checkSize(json: string): void {
  const bytes = utf8Length(json);
  if (bytes > FILTER_RULE_LIMITS.maxBytes) {
    throw new FilterRuleError(`the filter rule is ${bytes} bytes; a filter rule holds at most ${FILTER_RULE_LIMITS.maxBytes} bytes (2 KB)`);
  }
}

/** Throws, naming the limit, when the rule is over one of the service's limits. */
export function checkFilterRule(node: FilterRuleNode): void {
  checkSize(renderFilterRule(node));
  const complexity = complexityOf(node);
  if (complexity > FILTER_RULE_LIMITS.maxComplexity) {
    throw new FilterRuleError(`the filter rule's complexity (attribute keys plus values) is ${complexity}; the service allows at most ${FILTER_RULE_LIMITS.maxComplexity}`);
  }
  checkNode(node);
}

function checkNode(node: FilterRuleNode): void {
  if (node.constraints.length === 0 && !node.anyOf) throw new FilterRuleError('a filter rule needs at least one attribute or $or');
  const names = new Set<string>();
  for (const { name, matchers } of node.constraints) {
    if (name.length < 1 || name.length > FILTER_RULE_LIMITS.attributeNameMaxChars || name === OR) {
      throw new FilterRuleError(`an attribute name must be 1-${FILTER_RULE_LIMITS.attributeNameMaxChars} characters and not ${OR}, got ${JSON.stringify(name)}`);
    }
    if (names.has(name)) throw new FilterRuleError(`the attribute ${JSON.stringify(name)} appears twice in one object of the rule; give its values in one list`);
    names.add(name);
    if (matchers.length === 0) throw new FilterRuleError(`the attribute ${JSON.stringify(name)} needs at least one value`);
    for (const value of matchers.flatMap((m) => ('equals' in m ? [m.equals] : m.anythingBut))) {
      // An attribute value is at least one character: an empty one can never match.
      if (value.length < 1) throw new FilterRuleError(`a value of ${JSON.stringify(name)} is empty; an attribute value holds at least 1 character, so it could never match`);
      if (value.length > FILTER_RULE_LIMITS.valueMaxChars) {
        throw new FilterRuleError(`a value of ${JSON.stringify(name)} is ${value.length} characters; an attribute value holds at most ${FILTER_RULE_LIMITS.valueMaxChars}`);
      }
    }
    if (matchers.some((m) => 'anythingBut' in m && m.anythingBut.length === 0)) {
      throw new FilterRuleError(`anything-but of ${JSON.stringify(name)} needs at least one value`);
    }
  }
  if (node.anyOf) {
    // event-ruler, the reference implementation of this rule language, refuses an $or of fewer than two.
    if (node.anyOf.length < 2 || node.anyOf.length > FILTER_RULE_LIMITS.maxOrBranches) {
      throw new FilterRuleError(`an $or holds 2-${FILTER_RULE_LIMITS.maxOrBranches} branches, got ${node.anyOf.length}`);
    }
    // The service documents $or at the top of a rule only; a nested one is refused rather than guessed at.
    if (node.anyOf.some((branch) => branch.anyOf)) throw new FilterRuleError('an $or branch may not hold another $or: the service documents one level');
    // event-ruler lets a branch's key replace the same key at the top; the documentation says
    // nothing: a rule that depends on it is refused rather than read one way or the other.
    const both = node.anyOf.flatMap((branch) => branch.constraints.map((c) => c.name)).find((n) => names.has(n));
    if (both !== undefined) {
      throw new FilterRuleError(`the attribute ${JSON.stringify(both)} is given both at the top of the rule and in an $or branch; give it in one place`);
    }
    node.anyOf.forEach(checkNode);
  }
}

/**
 * The first key that appears twice in one object of the JSON text, if any: JSON.parse would
 * keep the last silently, and check a rule other than the one written. The text is valid JSON.
 */
function duplicateKey(text: string): string | undefined {
  const frames: { keys?: Set<string>; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = frames[frames.length - 1];
    if (c === '{') {
      frames.push({ keys: new Set(), expectKey: true });
    } else if (c === '[') {
      frames.push({ expectKey: false });
    } else if (c === '}' || c === ']') {
      frames.pop();
    } else if (c === ',' && top?.keys) {
      top.expectKey = true;
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top?.keys && top.expectKey) {
        const key: string = JSON.parse(text.slice(i, end + 1));
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}

/** The rule of `json` (the text of a `FilterRule`), checked; throws for a malformed rule or one over the limits. */
export function parseFilterRule(json: string): FilterRuleNode {
  if (typeof json !== 'string') throw new FilterRuleError(`a filter rule is JSON text, got ${describeValue(json)}`);
  // Measured before parsing: a rule far over the limit is refused without reading it.
  checkSize(json);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new FilterRuleError(`a filter rule must be JSON: ${(error as Error).message}`);
  }
  const twice = duplicateKey(json);
  if (twice !== undefined) throw new FilterRuleError(`the key ${JSON.stringify(twice)} appears twice in one object of the rule; give its values in one list`);
  const node = nodeOf(value, 'the rule');
  checkFilterRule(node);
  return node;
}


function nodeOf(value: unknown, where: string, nested = false): FilterRuleNode {
  if (!isJsonObject(value)) throw new FilterRuleError(`${where} must be a JSON object`);
  const constraints: AttributeConstraint[] = [];
  let anyOf: FilterRuleNode[] | undefined;
  for (const [key, entry] of Object.entries(value)) {
    if (key === OR) {
      if (!Array.isArray(entry)) throw new FilterRuleError(`$or must be a list of objects, in ${where}`);
      if (nested) throw new FilterRuleError('an $or branch may not hold another $or: the service documents one level');
      anyOf = entry.map((branch, i) => nodeOf(branch, `$or[${i}]`, true));
      continue;
    }
    if (!Array.isArray(entry)) throw new FilterRuleError(`the attribute ${JSON.stringify(key)} must have a list of values, in ${where}`);
    constraints.push({ name: key, matchers: entry.map((m) => matcherOf(m, key)) });
  }
  return anyOf ? { constraints, anyOf } : { constraints };
}

function matcherOf(value: unknown, name: string): ValueMatcher {
  if (typeof value === 'string') return { equals: value };
  if (isJsonObject(value) && Object.keys(value).length === 1 && ANYTHING_BUT in value) {
    const but = value[ANYTHING_BUT];
    const list = typeof but === 'string' ? [but] : but;
    if (Array.isArray(list) && list.every((v) => typeof v === 'string')) return { anythingBut: list };
  }
  throw new FilterRuleError(`a value of ${JSON.stringify(name)} must be a string or {"anything-but": [strings]} (the service matches exact strings only), got ${JSON.stringify(value)}`);
}

/**
 * Whether a message with these attributes matches the rule. An attribute holds when any of its
 * values matches any of the rule's matchers for it; an attribute the message does not carry
 * (or carries with no value) holds for no matcher, `anything-but` included.
 */
export function matchesFilterRule(node: FilterRuleNode, attributes: Readonly<Record<string, readonly string[]>>): boolean {
  const holds = ({ name, matchers }: AttributeConstraint) => {
    const values = Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : [];
    return values.some((v) => matchers.some((m) => ('equals' in m ? m.equals === v : !m.anythingBut.includes(v))));
  };
  return node.constraints.every(holds) && (!node.anyOf || node.anyOf.some((branch) => matchesFilterRule(branch, attributes)));
}

/** What the gaps read of an attribute rule of the policy document. */
interface AttributeRuleShape {
  readonly op: string;
  readonly name: string;
  readonly values?: readonly string[];
  readonly when?: unknown;
}

/**
 * What the flow's attribute rules leave in one attribute, by name: absent from the map when no
 * rule leaves it set; `fixed` when only `set` rules wrote what can be left, so the values are
 * known; otherwise any value (read from the message) may be left.
 */
function writtenAttributes(rules: readonly AttributeRuleShape[]): Map<string, { fixed?: ReadonlySet<string> }> {
  const written = new Map<string, { fixed?: ReadonlySet<string> }>();
  for (const rule of rules) {
    const before = written.get(rule.name);
    const always = rule.when === undefined;
    if (rule.op === 'remove') {
      // A removal that may not apply leaves what was there.
      if (always) written.delete(rule.name);
    } else if (rule.op === 'set') {
      const values = new Set(rule.values ?? []);
      // A set that always applies replaces; one that may not adds to what may be there.
      if (always || !before) written.set(rule.name, { fixed: values });
      else if (before.fixed) written.set(rule.name, { fixed: new Set([...before.fixed, ...values]) });
    } else {
      written.set(rule.name, {});
    }
  }
  return written;
}

/**
 * The parts of a member's filter rule that can never match what a flow's attribute rules
 * write: an attribute no rule leaves set, or a value that the only rules setting the attribute
 * (fixed `set` rules) never produce. Attributes a client sends with the message are not the
 * flow's, and not counted.
 */
export function filterRuleGaps(node: FilterRuleNode, rules: readonly AttributeRuleShape[]): string[] {
  const written = writtenAttributes(rules);
  const gaps: string[] = [];
  const visit = (n: FilterRuleNode) => {
    for (const { name, matchers } of n.constraints) {
      const known = written.get(name);
      if (!known) {
        gaps.push(`it names the attribute ${JSON.stringify(name)}, which no attribute rule of the flow leaves set`);
        continue;
      }
      if (!known.fixed) continue;
      const produced = [...known.fixed];
      const list = produced.map((v) => JSON.stringify(v)).join(', ');
      for (const m of matchers) {
        if ('equals' in m && !known.fixed.has(m.equals)) {
          gaps.push(`it expects ${JSON.stringify(name)} to be ${JSON.stringify(m.equals)}, which the flow never sets it to (only ${list})`);
        } else if ('anythingBut' in m && produced.every((v) => m.anythingBut.includes(v))) {
          gaps.push(`it expects ${JSON.stringify(name)} to be anything but ${m.anythingBut.map((v) => JSON.stringify(v)).join(', ')}, and the flow only sets ${list}`);
        }
      }
    }
    n.anyOf?.forEach(visit);
  };
  visit(node);
  return gaps;
}
