import { compilePolicy, CompiledPolicy } from './core/compile-policy';
import { decide } from './core/decide';
import { checkEvent } from './core/event';
import { ChannelFlowPolicies } from './policy/policies';
import { AllowNotifications, MemberPushPreferences } from './policy/push-notification-filter';
import { renderPolicyDocument } from './policy/render';

/**
 * Runs a flow's policies as the processor does, without AWS: given an event, it returns the
 * exact `ChannelFlowCallback` request the processor would send. For testing policies in your
 * own test suite.
 *
 * ```ts
 * import { ModerationPolicy, PolicySimulator, Redaction } from 'cdk-chime-channel-flow';
 *
 * // A channel flow event as the service sends it, whose content is 'write to bob@example.com'.
 * declare const event: any;
 *
 * const simulator = PolicySimulator.fromPolicies({ moderation: ModerationPolicy.of({ redact: [Redaction.emailAddresses()] }) });
 * const request = simulator.simulate(event);
 * // request.ChannelMessage.Content is 'write to [email]'
 * ```
 */
export class PolicySimulator {
  /** Simulate these policies, for example the props you give `ChannelFlow`. */
  public static fromPolicies(policies: ChannelFlowPolicies): PolicySimulator {
    return new PolicySimulator(renderPolicyDocument(policies));
  }

  /** Simulate a policy document, as shipped with a processor (`policy.json`). */
  public static fromPolicyDocument(document: any): PolicySimulator {
    return new PolicySimulator(document);
  }

  /** The policy document the processor would ship with. */
  public readonly policyDocument: any;
  private readonly policy: CompiledPolicy;

  private constructor(document: unknown) {
    this.policy = compilePolicy(document);
    this.policyDocument = JSON.parse(JSON.stringify(document));
  }

  /**
   * The ChannelFlowCallback request (`CallbackId`, `ChannelArn`, `DeleteResource`,
   * `ChannelMessage`) that answers `event`, as plain JSON. Throws for an event the processor
   * would refuse, naming the field at fault.
   *
   * @param event a channel flow event, as the service sends it to the processor
   */
  public simulate(event: any): any {
    const checked = checkEvent(event);
    if (!checked.ok) throw new Error(`invalid channel flow event: ${checked.reason}`);
    return JSON.parse(JSON.stringify(decide(checked.event, this.policy).request));
  }

  /**
   * `simulate` with JSON text in and out, for languages where an untyped object is awkward
   * (Java, C#, Go): the event as the service sends it, the request the processor would send.
   */
  public simulateJson(eventJson: string): string {
    return JSON.stringify(this.simulate(JSON.parse(eventJson)));
  }

  /**
   * The members who get a push notification for the message the flow makes of `event`: the
   * answer carries a push notification, and the member allows all of them, or filters them
   * with a rule that the answer's message attributes match. In the order given; the sender is
   * a member like any other (the service notifies senders too). An answer without a push
   * notification is taken to notify nobody: whether the service keeps one the sender attached
   * is not documented.
   *
   * @param event a channel flow event, as the service sends it to the processor
   * @param members the members' push notification preferences
   */
  public notifiedMembers(event: any, members: MemberPushPreferences[]): string[] {
    for (const member of members) {
      if ((member.allowNotifications === AllowNotifications.FILTERED) !== (member.filterRule !== undefined)) {
        throw new Error(`member ${member.memberArn}: a filter rule goes with FILTERED, and only with it`);
      }
    }
    const message = this.simulate(event).ChannelMessage;
    if (!message.PushNotification) return [];
    // No prototype, so that an attribute named `__proto__` is a name like any other.
    const attributes: { [name: string]: string[] } = Object.create(null);
    for (const [name, value] of Object.entries<any>(message.MessageAttributes ?? {})) attributes[name] = value.StringValues;
    const lets = (m: MemberPushPreferences) => m.allowNotifications === AllowNotifications.ALL
      || (m.allowNotifications === AllowNotifications.FILTERED && m.filterRule!.matches(attributes));
    return members.filter(lets).map((m) => m.memberArn);
  }

  /**
   * `notifiedMembers` with the event as JSON text, for languages where an untyped object is
   * awkward (Java, C#, Go).
   */
  public notifiedMembersJson(eventJson: string, members: MemberPushPreferences[]): string[] {
    return this.notifiedMembers(JSON.parse(eventJson), members);
  }
}
