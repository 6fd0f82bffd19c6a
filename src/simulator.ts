import { compilePolicy, CompiledPolicy } from './core/compile-policy';
import { ComprehendAnswers } from './core/comprehend';
import { callLanguage, neededComprehendApis, waitsForLanguage } from './core/comprehend-plan';
import { decide, Decision, decideOnError } from './core/decide';
import { ChannelMessageEvent, checkEvent } from './core/event';
import { applyHookResult, hookEvent } from './core/hook';
import { ChannelFlowPolicies } from './policy/policies';
import { AllowNotifications, MemberPushPreferences } from './policy/push-notification-filter';
import { invalidInput } from './private/errors';
import { renderPolicyDocument } from './private/render-policies';

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
 *
 * Amazon Comprehend rules are simulated from answers you give: the responses of
 * DetectPiiEntities, DetectToxicContent and DetectDominantLanguage as the APIs return them (for
 * example recorded with the AWS CLI), keyed by the API's name. The simulator says which it
 * needs for an event; an answer that is malformed or out of range is answered as the processor
 * answers it, by the policy's error action.
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
    try {
      this.policy = compilePolicy(document);
    } catch (error) {
      invalidInput('policy', 'PolicySimulator', (error as Error).message);
    }
    this.policyDocument = JSON.parse(JSON.stringify(document));
  }

  /**
   * The ChannelFlowCallback request (`CallbackId`, `ChannelArn`, `DeleteResource`,
   * `ChannelMessage`) that answers `event`, as plain JSON. Throws for an event the processor
   * would refuse, naming the field at fault.
   *
   * @param event a channel flow event, as the service sends it to the processor
   * @param comprehendAnswers Amazon Comprehend's responses for the event, keyed by API (`DetectPiiEntities`, `DetectToxicContent`, `DetectDominantLanguage`), for policies with Comprehend rules
   */
  public simulate(event: any, comprehendAnswers?: any): any {
    return JSON.parse(JSON.stringify(this.propose(event, comprehendAnswers).decision.request));
  }

  /**
   * The event the processor sends a processing hook for `event` (a `ProcessingHookEvent`), as
   * plain JSON: to unit-test a hook with exactly what it will get.
   *
   * @param event a channel flow event, as the service sends it to the processor
   * @param comprehendAnswers Amazon Comprehend's responses for the event (see `simulate`)
   */
  public processingHookEvent(event: any, comprehendAnswers?: any): any {
    const { checked, decision } = this.propose(event, comprehendAnswers);
    return JSON.parse(JSON.stringify(hookEvent(checked, decision.request)));
  }

  /**
   * The ChannelFlowCallback request the processor sends when the processing hook answers
   * `hookResultJson` (a `ProcessingHookResult` as JSON text, or `null`): checked and fitted as
   * the processor does, and the policy's error action for an answer out of contract.
   *
   * @param event a channel flow event, as the service sends it to the processor
   * @param hookResultJson the hook's answer, as JSON text
   * @param comprehendAnswers Amazon Comprehend's responses for the event (see `simulate`)
   */
  public simulateWithHook(event: any, hookResultJson: string, comprehendAnswers?: any): any {
    const { checked, decision } = this.propose(event, comprehendAnswers);
    let answered: Decision;
    try {
      answered = decision.summary.policyError ? decision : applyHookResult(checked, decision, JSON.parse(hookResultJson));
    } catch {
      answered = decideOnError(checked, this.policy);
    }
    return JSON.parse(JSON.stringify(answered.request));
  }

  /** The event checked, and the policy's proposal for it. */
  private propose(event: unknown, comprehendAnswers: unknown): { checked: ChannelMessageEvent; decision: Decision } {
    const checked = checkEvent(event);
    if (!checked.ok) invalidInput('event', 'PolicySimulator', `invalid channel flow event: ${checked.reason}`);
    const answers = (comprehendAnswers ?? {}) as ComprehendAnswers;
    this.checkAnswersGiven(checked.event, answers);
    return { checked: checked.event, decision: decide(checked.event, this.policy, answers) };
  }

  /** The processor would call an API whose answer was not given: say which, rather than simulate a failed call. */
  private checkAnswersGiven(event: ChannelMessageEvent, answers: ComprehendAnswers): void {
    const asked = (api: keyof ComprehendAnswers) => {
      if (!waitsForLanguage(api, this.policy)) return true;
      try {
        return callLanguage(api, event, this.policy, answers) !== undefined;
      } catch {
        return true;
      }
    };
    const missing = [...neededComprehendApis(event, this.policy)].sort().filter((api) => answers[api] === undefined && asked(api));
    if (missing.length > 0) {
      invalidInput('comprehendAnswers', 'PolicySimulator', `this event needs Amazon Comprehend's answers of ${missing.join(', ')}: give each API's response, `
        + `such as { "${missing[0]}": { ... } }, as simulate's second argument`);
    }
  }

  /**
   * `simulate` with JSON text in and out, for languages where an untyped object is awkward
   * (Java, C#, Go): the event as the service sends it, the request the processor would send.
   *
   * @param eventJson the event as JSON text
   * @param comprehendAnswersJson Amazon Comprehend's responses keyed by API, as JSON text (see `simulate`)
   */
  public simulateJson(eventJson: string, comprehendAnswersJson?: string): string {
    return JSON.stringify(this.simulate(JSON.parse(eventJson), comprehendAnswersJson === undefined ? undefined : JSON.parse(comprehendAnswersJson)));
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
   * @param comprehendAnswers Amazon Comprehend's responses for the event (see `simulate`)
   */
  public notifiedMembers(event: any, members: MemberPushPreferences[], comprehendAnswers?: any): string[] {
    for (const member of members) {
      if ((member.allowNotifications === AllowNotifications.FILTERED) !== (member.filterRule !== undefined)) {
        invalidInput('memberPreferences', 'PolicySimulator.notifiedMembers', `member ${member.memberArn}: a filter rule goes with FILTERED, and only with it`);
      }
    }
    const message = this.simulate(event, comprehendAnswers).ChannelMessage;
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
  public notifiedMembersJson(eventJson: string, members: MemberPushPreferences[], comprehendAnswersJson?: string): string[] {
    return this.notifiedMembers(JSON.parse(eventJson), members, comprehendAnswersJson === undefined ? undefined : JSON.parse(comprehendAnswersJson));
  }
}
