import { ChannelFlowErrorCode, PushNotificationFilter } from '../../src';

describe('PushNotificationFilter', () => {
  test('builders write the service\'s rule language', () => {
    expect(PushNotificationFilter.attributeIn('mentions', ['bob']).toJson()).toBe('{"mentions":["bob"]}');
    expect(PushNotificationFilter.attributeNotIn('type', ['Room']).toJson()).toBe('{"type":[{"anything-but":["Room"]}]}');
    const both = PushNotificationFilter.allOf(PushNotificationFilter.attributeNotIn('type', ['Room']), PushNotificationFilter.attributeIn('mention', ['Bob']));
    expect(both.toJson()).toBe('{"type":[{"anything-but":["Room"]}],"mention":["Bob"]}');
    expect(both.complexity).toBe(4);
    const either = PushNotificationFilter.anyOf(PushNotificationFilter.attributeIn('a', ['1']), PushNotificationFilter.attributeIn('b', ['2']));
    expect(either.toJson()).toBe('{"$or":[{"a":["1"]},{"b":["2"]}]}');
    expect(PushNotificationFilter.allOf(PushNotificationFilter.attributeIn('c', ['3']), either).toJson()).toBe('{"c":["3"],"$or":[{"a":["1"]},{"b":["2"]}]}');
  });

  test('an attribute named __proto__ is written and matched like any other', () => {
    const filter = PushNotificationFilter.allOf(PushNotificationFilter.attributeIn('__proto__', ['x']), PushNotificationFilter.attributeIn('b', ['1']));
    expect(filter.toJson()).toBe('{"__proto__":["x"],"b":["1"]}');
    expect(filter.matches({ b: ['1'] })).toBe(false);
    expect(PushNotificationFilter.parse(filter.toJson()).matches({ b: ['1'] })).toBe(false);
  });

  test('anyOf of anyOfs is one $or; an $or inside a branch is refused', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => PushNotificationFilter.attributeIn(n, ['1']));
    expect(PushNotificationFilter.anyOf(PushNotificationFilter.anyOf(a, b), c).toJson()).toBe('{"$or":[{"a":["1"]},{"b":["1"]},{"c":["1"]}]}');
    expect(() => PushNotificationFilter.anyOf(PushNotificationFilter.allOf(a, PushNotificationFilter.anyOf(b, c)), a))
      .toThrow(/an \$or branch may not hold another \$or/);
  });

  test('anyOf of one filter is that filter: an $or of one branch is what the reference implementation refuses', () => {
    const a = PushNotificationFilter.attributeIn('a', ['1']);
    expect(PushNotificationFilter.anyOf(a).toJson()).toBe('{"a":["1"]}');
    expect(PushNotificationFilter.anyOf(PushNotificationFilter.allOf(a, PushNotificationFilter.attributeIn('b', ['2']))).toJson()).toBe('{"a":["1"],"b":["2"]}');
  });

  // From JavaScript (or any language without the compiler's checks), every bad input is the library's own error.
  test.each([
    ['attributeIn with a number value', () => (PushNotificationFilter.attributeIn as any)('a', [1]), /the values of "a" are strings, got a number/],
    ['attributeNotIn with an object value', () => (PushNotificationFilter.attributeNotIn as any)('a', [{ x: 1 }]), /the values of "a" are strings, got an object/],
    ['attributeIn with null values', () => (PushNotificationFilter.attributeIn as any)('a', null), /the values of "a" are a list of strings, got null/],
    ['attributeIn with a number name', () => (PushNotificationFilter.attributeIn as any)(3, ['x']), /an attribute name is a string, got a number/],
    ['allOf with a plain object', () => (PushNotificationFilter.allOf as any)({ toJson: () => '{}' }), /allOf takes one or more PushNotificationFilters, got an object/],
    ['anyOf of nothing', () => PushNotificationFilter.anyOf(), /anyOf takes one or more PushNotificationFilters, got none/],
    ['matches with a string for a list', () => (PushNotificationFilter.attributeIn('a', ['x']).matches as any)({ a: 'x' }),
      /the attribute "a" is a list of strings, got a string/],
    ['matches with null', () => (PushNotificationFilter.attributeIn('a', ['x']).matches as any)(null), /the attributes are an object .* got null/],
    ['matches with numbers in a list', () => (PushNotificationFilter.attributeIn('a', ['x']).matches as any)({ a: [1] }), /the attribute "a" is a list of strings/],
    ['parse of a number', () => (PushNotificationFilter.parse as any)(42), /a filter rule is JSON text, got a number/],
  ])('%s fails with a validation error of its code, not a TypeError', (_, make, error) => {
    expect(make).toThrow(error);
    expect(() => make()).toThrow(expect.objectContaining({ name: ChannelFlowErrorCode.INVALID_FILTER_RULE }));
  });

  test('parse of toJson gives an equal filter', () => {
    const filter = PushNotificationFilter.allOf(PushNotificationFilter.attributeIn('mentions', ['bob', 'ann']), PushNotificationFilter.attributeNotIn('sender', ['me']));
    const again = PushNotificationFilter.parse(filter.toJson());
    expect(again._node).toEqual(filter._node);
    expect(again.toJson()).toBe(filter.toJson());
  });

  test('matches a message\'s attributes as the service does', () => {
    const filter = PushNotificationFilter.attributeIn('mentions', ['bob']);
    expect(filter.matches({ mentions: ['ann', 'bob'] })).toBe(true);
    expect(filter.matches({ mentions: ['ann'] })).toBe(false);
    expect(filter.matches({})).toBe(false);
    expect(PushNotificationFilter.attributeNotIn('sender', ['me']).matches({})).toBe(false);
  });

  test.each([
    [() => PushNotificationFilter.attributeIn('a', Array.from({ length: 20 }, (_, i) => `${i}`)), /complexity \(attribute keys plus values\) is 21; the service allows at most 20/],
    [() => PushNotificationFilter.anyOf(...Array.from({ length: 6 }, (_, i) => PushNotificationFilter.attributeIn(`a${i}`, ['v']))), /an \$or holds 2-5 branches, got 6/],
    [() => PushNotificationFilter.attributeIn('a', ['x'.repeat(513)]), /an attribute value holds at most 512/],
    [() => PushNotificationFilter.attributeIn('a', []), /needs at least one value/],
    [() => PushNotificationFilter.allOf(PushNotificationFilter.attributeIn('a', ['1']), PushNotificationFilter.attributeIn('a', ['2'])), /the attribute "a" appears twice/],
    [() => PushNotificationFilter.allOf(
      PushNotificationFilter.anyOf(PushNotificationFilter.attributeIn('a', ['1']), PushNotificationFilter.attributeIn('b', ['1'])),
      PushNotificationFilter.anyOf(PushNotificationFilter.attributeIn('c', ['1']), PushNotificationFilter.attributeIn('d', ['1']))),
    /allOf takes at most one anyOf/],
    [() => PushNotificationFilter.allOf(PushNotificationFilter.attributeIn('a', ['1']),
      PushNotificationFilter.anyOf(PushNotificationFilter.attributeIn('a', ['2']), PushNotificationFilter.attributeIn('b', ['1']))),
    /the attribute "a" is given both at the top of the rule and in an \$or branch/],
    [() => PushNotificationFilter.attributeIn('a', ['']), /a value of "a" is empty/],
    [() => PushNotificationFilter.parse('{"$or":[{"a":["1"]}]}'), /an \$or holds 2-5 branches, got 1/],
    [() => PushNotificationFilter.parse('{"a":[{"prefix":"x"}]}'), /the service matches exact strings only/],
  ])('refuses a rule the service would refuse, naming the limit: %#', (make, error) => {
    expect(make).toThrow(error);
  });
});
