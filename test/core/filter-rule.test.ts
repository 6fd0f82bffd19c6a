import * as fc from 'fast-check';
import {
  complexityOf, FilterRuleNode, filterRuleGaps, matchesFilterRule, parseFilterRule, renderFilterRule,
} from '../../src/core/filter-rule';
import { FILTER_RULE_LIMITS } from '../../src/core/limits';

/**
 * The documented semantics, stated independently of the implementation, on the rule's JSON:
 * every key but `$or` holds when some value of the attribute equals one of its strings or is
 * none of an anything-but's strings; `$or` holds when one of its objects holds.
 */
function documentedMatch(rule: any, attributes: Record<string, string[]>): boolean {
  for (const key of Object.keys(rule)) {
    if (key === '$or') {
      let any = false;
      for (const branch of rule[key]) if (documentedMatch(branch, attributes)) any = true;
      if (!any) return false;
      continue;
    }
    const values = Object.prototype.hasOwnProperty.call(attributes, key) ? attributes[key] : [];
    let holds = false;
    for (const value of values) {
      for (const matcher of rule[key]) {
        if (typeof matcher === 'string' ? matcher === value : !matcher['anything-but'].includes(value)) holds = true;
      }
    }
    if (!holds) return false;
  }
  return true;
}

const word = fc.constantFrom('bob', 'ann', 'room', 'USER', 'x', 'é', 'a b');
const name = fc.constantFrom('mentions', 'type', 'team', 'sender', '__proto__', 'constructor', 'a"b', 'é');
const matcher = fc.oneof(
  word.map((equals) => ({ equals })),
  fc.array(word, { minLength: 1, maxLength: 2 }).map((anythingBut) => ({ anythingBut })),
);
const constraint = fc.record({ name, matchers: fc.array(matcher, { minLength: 1, maxLength: 2 }) });
const constraints = fc.uniqueArray(constraint, { selector: (c) => c.name, maxLength: 3 });
const branch: fc.Arbitrary<FilterRuleNode> = constraints.filter((c) => c.length > 0).map((c) => ({ constraints: c }));
const branches = fc.option(fc.array(branch, { minLength: 2, maxLength: 5 }), { nil: undefined });
const filterRule: fc.Arbitrary<FilterRuleNode> = fc.tuple(constraints, branches)
  .map(([c, anyOf]) => (anyOf ? { constraints: c, anyOf } : { constraints: c }))
  .filter((node) => (node.constraints.length > 0 || node.anyOf !== undefined) && complexityOf(node) <= FILTER_RULE_LIMITS.maxComplexity
    // A key at the top and in a branch is refused (see the tests below).
    && !(node.anyOf ?? []).some((b) => b.constraints.some((c) => node.constraints.some((t) => t.name === c.name))));
const attributes = fc.uniqueArray(fc.tuple(name, fc.array(word, { maxLength: 3 })), { selector: ([n]) => n, maxLength: 4 })
  .map((entries) => Object.fromEntries(entries)); // fromEntries defines own properties, __proto__ included

/** A rule written as users write it, in its JSON form: strings or anything-but (as a list or a single string). */
const jsonMatcher = fc.oneof(word, fc.array(word, { minLength: 1, maxLength: 2 }).map((l) => ({ 'anything-but': l })), word.map((w) => ({ 'anything-but': w })));
const jsonEntry = fc.tuple(name, fc.array(jsonMatcher, { minLength: 1, maxLength: 2 }));
const jsonObject = fc.uniqueArray(jsonEntry, { selector: ([n]) => n, minLength: 1, maxLength: 3 });
const jsonRule = fc.tuple(jsonObject, fc.option(fc.array(jsonObject, { minLength: 2, maxLength: 5 }), { nil: undefined }))
  .map(([own, or]) => Object.fromEntries([...own, ...(or ? [['$or', or.map((b) => Object.fromEntries(b))]] : [])]))
  .filter((rule) => { try { parseFilterRule(JSON.stringify(rule)); return true; } catch { return false; } });
const normalized = (rule: any): any => Object.fromEntries(Object.entries(rule).map(([k, v]: [string, any]) => [k, k === '$or'
  ? v.map(normalized) : v.map((m: any) => (typeof m === 'string' ? m : { 'anything-but': [m['anything-but']].flat() }))]));

describe('filter rules', () => {
  test('parse reads what render writes: the same rule', () => {
    fc.assert(fc.property(filterRule, (node) => {
      expect(parseFilterRule(renderFilterRule(node))).toEqual(node);
    }), { numRuns: 500 });
  });

  test('text first: a rule as written parses to one that writes back the same, anything-but always as a list', () => {
    fc.assert(fc.property(jsonRule, (rule) => {
      const node = parseFilterRule(JSON.stringify(rule));
      expect(JSON.parse(renderFilterRule(node))).toEqual(normalized(rule));
      expect(parseFilterRule(renderFilterRule(node))).toEqual(node);
    }), { numRuns: 500 });
  });

  test('matching agrees with the documented semantics, stated independently, on the rule as written', () => {
    fc.assert(fc.property(jsonRule, attributes, (rule, attrs) => {
      expect(matchesFilterRule(parseFilterRule(JSON.stringify(rule)), attrs)).toBe(documentedMatch(normalized(rule), attrs));
    }), { numRuns: 2000 });
  });

  test('matching agrees with the documented semantics, stated independently', () => {
    fc.assert(fc.property(filterRule, attributes, (node, attrs) => {
      expect(matchesFilterRule(node, attrs)).toBe(documentedMatch(JSON.parse(renderFilterRule(node)), attrs));
    }), { numRuns: 2000 });
  });

  test('the service\'s own examples', () => {
    const rule = parseFilterRule('{"type":[{"anything-but": ["Room"]}],"mention":["Bob"]}');
    expect(complexityOf(rule)).toBe(4); // the documentation's count: keys type and mention, values Room and Bob
    expect(matchesFilterRule(rule, { type: ['Chat'], mention: ['Bob'] })).toBe(true);
    expect(matchesFilterRule(rule, { type: ['Room'], mention: ['Bob'] })).toBe(false);
    // Choices where the documentation is silent (the README says so): a missing attribute
    // matches nothing, anything-but included; several values match when any one does.
    expect(matchesFilterRule(rule, { mention: ['Bob'] })).toBe(false);
    expect(matchesFilterRule(rule, { type: ['Room', 'Chat'], mention: ['Ann', 'Bob'] })).toBe(true);
    expect(matchesFilterRule(parseFilterRule('{"$or":[{"a":["1"]},{"b":["2"]}]}'), { b: ['2'] })).toBe(true);
    expect(parseFilterRule('{"t":[{"anything-but":"x"}]}')).toEqual({ constraints: [{ name: 't', matchers: [{ anythingBut: ['x'] }] }] });
  });

  test.each([
    ['not JSON', '{mention: bob}', /^a filter rule must be JSON/],
    ['a list', '["bob"]', /^the rule must be a JSON object$/],
    ['an empty object', '{}', /^a filter rule needs at least one attribute or \$or$/],
    ['a value that is not a list', '{"mention":"bob"}', /^the attribute "mention" must have a list of values/],
    ['an empty list', '{"mention":[]}', /^the attribute "mention" needs at least one value$/],
    ['a prefix match', '{"mention":[{"prefix":"b"}]}', /must be a string or \{"anything-but": \[strings\]\} \(the service matches exact strings only\)/],
    ['a number', '{"count":[3]}', /must be a string or/],
    ['six branches in an $or', JSON.stringify({ $or: Array.from({ length: 6 }, (_, i) => ({ a: [`${i}`] })) }), /^an \$or holds 2-5 branches, got 6$/],
    ['complexity 21', JSON.stringify({ a: Array.from({ length: 20 }, (_, i) => `${i}`) }), /^the filter rule's complexity \(attribute keys plus values\) is 21; the service allows at most 20$/],
    ['over 2 KB', JSON.stringify({ a: ['x'.repeat(500), 'y'.repeat(500), 'z'.repeat(500), 'w'.repeat(500), 'v'.repeat(100)] }),
      /^the filter rule is 2\d{3} bytes; a filter rule holds at most 2048 bytes \(2 KB\)$/],
    ['a value over 512 characters', JSON.stringify({ a: ['x'.repeat(513)] }), /is 513 characters; an attribute value holds at most 512$/],
    ['an $or inside an $or', '{"$or":[{"$or":[{"a":["1"]},{"b":["1"]}]},{"c":["1"]}]}', /^an \$or branch may not hold another \$or: the service documents one level$/],
    ['an $or of one branch, which event-ruler refuses', '{"$or":[{"a":["1"]}]}', /^an \$or holds 2-5 branches, got 1$/],
    ['a key at the top and in a branch, which event-ruler reads as the branch\'s alone', '{"a":["1"],"$or":[{"a":["2"]},{"b":["1"]}]}',
      /^the attribute "a" is given both at the top of the rule and in an \$or branch; give it in one place$/],
    ['an empty value, which no attribute has', '{"a":[""]}', /^a value of "a" is empty; an attribute value holds at least 1 character/],
    ['an empty anything-but value', '{"a":[{"anything-but":[""]}]}', /^a value of "a" is empty/],
    ['the same key twice (JSON.parse would keep the last)', '{"a":["1"],"b":["2"],"a":["3"]}', /^the key "a" appears twice in one object of the rule/],
    ['the same key twice in a branch', '{"$or":[{"a":["1"],"a":["2"]},{"b":["1"]}]}', /^the key "a" appears twice/],
  ])('refuses %s, naming the limit or the form', (_, json, error) => {
    expect(() => parseFilterRule(json)).toThrow(error);
  });

  test('gaps between a filter and the attributes a flow writes, reading the rules in order', () => {
    const gaps = (rule: string, rules: any[]) => filterRuleGaps(parseFilterRule(rule), rules);
    const rules = [
      { op: 'set', name: 'team', values: ['core'] },
      { op: 'set', name: 'team', values: ['web'], when: { type: 'edited', value: true } },
      { op: 'fromContent', name: 'mentions' },
      { op: 'remove', name: 'source' },
    ];
    expect(gaps('{"mentions":["bob"],"team":["web"]}', rules)).toEqual([]);
    expect(gaps('{"source":["ios"],"$or":[{"team":["ops"]},{"mentions":["x"]}]}', rules)).toEqual([
      'it names the attribute "source", which no attribute rule of the flow leaves set',
      'it expects "team" to be "ops", which the flow never sets it to (only "core", "web")',
    ]);
    // A rule that takes its values from the message may leave any value.
    expect(gaps('{"team":["ops"]}', [...rules, { op: 'fromMetadata', name: 'team' }])).toEqual([]);
    // An unconditional set replaces, an unconditional remove clears; conditional ones may not apply.
    expect(gaps('{"team":["core"]}', [{ op: 'set', name: 'team', values: ['core'] }, { op: 'set', name: 'team', values: ['web'] }]))
      .toEqual(['it expects "team" to be "core", which the flow never sets it to (only "web")']);
    expect(gaps('{"team":["core"]}', [{ op: 'set', name: 'team', values: ['core'] }, { op: 'remove', name: 'team' }]))
      .toEqual(['it names the attribute "team", which no attribute rule of the flow leaves set']);
    expect(gaps('{"team":["core"]}', [{ op: 'set', name: 'team', values: ['core'] }, { op: 'remove', name: 'team', when: { type: 'edited', value: true } }]))
      .toEqual([]);
    expect(gaps('{"team":["ops"]}', [{ op: 'fromMetadata', name: 'team' }, { op: 'set', name: 'team', values: ['core'] }]))
      .toEqual(['it expects "team" to be "ops", which the flow never sets it to (only "core")']);
    expect(gaps('{"team":[{"anything-but":["core"]}]}', [{ op: 'set', name: 'team', values: ['core'] }]))
      .toEqual(['it expects "team" to be anything but "core", and the flow only sets "core"']);
  });

  test('a rule of 50 MB is refused by its size, before it is parsed', () => {
    const huge = `{"a":[${Array.from({ length: 5_000_000 }, () => '"vvvvvvv"').join(',')}]}`;
    const parse = jest.spyOn(JSON, 'parse');
    try {
      expect(() => parseFilterRule(huge)).toThrow(/^the filter rule is \d+ bytes; a filter rule holds at most 2048 bytes/);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  test('names are names: __proto__ and constructor round-trip and match like any other', () => {
    const rule = parseFilterRule('{"__proto__":["x"],"constructor":["y"]}');
    expect(renderFilterRule(rule)).toBe('{"__proto__":["x"],"constructor":["y"]}');
    expect(matchesFilterRule(rule, JSON.parse('{"__proto__":["x"],"constructor":["y"]}'))).toBe(true);
    expect(matchesFilterRule(rule, {})).toBe(false);
  });
});
