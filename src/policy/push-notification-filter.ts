import {
  checkAttributesInput, checkFilterInput, checkFilterRule, complexityOf, describeValue, FilterRuleError, FilterRuleNode, matchesFilterRule,
  parseFilterRule, renderFilterRule,
} from '../core/filter-rule';
import { invalidInput } from '../private/errors';

/**
 * A channel member's push notification filter rule: the `FilterRule` of their membership's
 * `PushNotificationPreferences` (with `AllowNotifications: FILTERED`), which the service
 * matches against each message's attributes by exact string. A plain class: build or parse a
 * rule where you set preferences (a backend, at run time), check it against the service's limits
 * before the service refuses it, and evaluate it as the service does.
 *
 * Every factory and `parse` throws, naming the limit, for a rule over the service's limits:
 * 2 KB of JSON, at most 5 branches in an `$or`, and a complexity (attribute keys plus values)
 * of at most 20.
 */
export class PushNotificationFilter {
  /**
   * The attribute has one of these values: `{"NAME": ["v1", "v2"]}`.
   *
   * @param name the attribute name, 1-64 characters
   * @param values the values, exact strings
   */
  public static attributeIn(name: string, values: string[]): PushNotificationFilter {
    asValidationError('PushNotificationFilter.attributeIn', () => checkFilterInput(name, values));
    return new PushNotificationFilter({ constraints: [{ name, matchers: values.map((equals) => ({ equals })) }] });
  }

  /**
   * The attribute has a value that is none of these: `{"NAME": [{"anything-but": ["v1"]}]}`. A
   * message without the attribute does not match (see the README's "Who gets notified").
   *
   * @param name the attribute name, 1-64 characters
   * @param values the values excluded, exact strings
   */
  public static attributeNotIn(name: string, values: string[]): PushNotificationFilter {
    asValidationError('PushNotificationFilter.attributeNotIn', () => checkFilterInput(name, values));
    return new PushNotificationFilter({ constraints: [{ name, matchers: [{ anythingBut: [...values] }] }] });
  }

  /**
   * All of the filters hold: their attributes side by side in one object. Each attribute may
   * appear in one of them only, and at most one of them may be an `anyOf`.
   */
  public static allOf(...filters: PushNotificationFilter[]): PushNotificationFilter {
    asValidationError('PushNotificationFilter.allOf', () => checkFilters(filters, 'allOf'));
    const branches = filters.map((f) => f._node).filter((node) => node.anyOf);
    if (branches.length > 1) invalidInput('filterRule', 'PushNotificationFilter.allOf', 'allOf takes at most one anyOf: a filter rule object holds one $or');
    return new PushNotificationFilter({
      constraints: filters.flatMap((f) => f._node.constraints),
      ...(branches.length === 1 ? { anyOf: branches[0].anyOf } : {}),
    });
  }

  /**
   * Any of the filters holds: `{"$or": [...]}`, with 2 to 5 branches; `anyOf` of one filter is
   * that filter. An `anyOf` among the filters adds its branches; a branch may not otherwise hold
   * an `$or` (the service documents one level).
   */
  public static anyOf(...filters: PushNotificationFilter[]): PushNotificationFilter {
    asValidationError('PushNotificationFilter.anyOf', () => checkFilters(filters, 'anyOf'));
    const branches = filters.flatMap((f) => (f._node.constraints.length === 0 && f._node.anyOf ? f._node.anyOf : [f._node]));
    // An $or of one branch is refused by the reference implementation: it is the branch.
    if (branches.length === 1) return new PushNotificationFilter(branches[0]);
    return new PushNotificationFilter({ constraints: [], anyOf: branches });
  }

  /**
   * The filter of a rule written elsewhere: the JSON text of a `FilterRule`. Throws for JSON
   * that is not a filter rule, or a rule over the service's limits.
   */
  public static parse(json: string): PushNotificationFilter {
    return new PushNotificationFilter(asValidationError('PushNotificationFilter.parse', () => parseFilterRule(json)));
  }

  /** @internal */
  public readonly _node: FilterRuleNode;

  private constructor(node: FilterRuleNode) {
    asValidationError('PushNotificationFilter', () => checkFilterRule(node));
    this._node = node;
  }

  /** The attribute keys plus values of the rule, as the service counts its complexity (at most 20). */
  public get complexity(): number {
    return complexityOf(this._node);
  }

  /** The exact text to give as `FilterRule` in `PutChannelMembershipPreferences`. */
  public toJson(): string {
    return renderFilterRule(this._node);
  }

  /**
   * Whether the rule lets a push notification through for a message with these attributes
   * (each attribute name with its list of values, as `MessageAttributes` holds them), by the
   * service's documented semantics and, where they are silent, the README's stated choices.
   */
  public matches(attributes: { [name: string]: string[] }): boolean {
    asValidationError('PushNotificationFilter.matches', () => checkAttributesInput(attributes));
    return matchesFilterRule(this._node, attributes);
  }
}

/** The core's check, failing as every public entry point of the library does: a validation error with its code. */
function asValidationError<T>(what: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof FilterRuleError) invalidInput('filterRule', what, error.message);
    throw error;
  }
}

function checkFilters(filters: unknown[], combinator: string): void {
  const odd = filters.find((f) => !(f instanceof PushNotificationFilter));
  if (odd !== undefined || filters.length === 0) {
    throw new FilterRuleError(`${combinator} takes one or more PushNotificationFilters, got ${filters.length === 0 ? 'none' : describeValue(odd)}`);
  }
}

/** A member's choice of push notifications (`AllowNotifications` in `PushNotificationPreferences`). */
export enum AllowNotifications {
  /** Every push notification of the channel. */
  ALL = 'ALL',
  /** None. */
  NONE = 'NONE',
  /** Those of messages whose attributes match the member's filter rule. */
  FILTERED = 'FILTERED',
}

/** A channel member's push notification preferences, as set with `PutChannelMembershipPreferences`. */
export interface MemberPushPreferences {
  /** The member's AppInstanceUser or AppInstanceBot ARN. */
  readonly memberArn: string;

  /** Which push notifications the member allows. */
  readonly allowNotifications: AllowNotifications;

  /**
   * The member's filter rule; required with `FILTERED`, and only then.
   *
   * @default - no filter rule
   */
  readonly filterRule?: PushNotificationFilter;
}
