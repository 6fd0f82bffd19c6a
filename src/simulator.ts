import { compilePolicy, CompiledPolicy } from './core/compile-policy';
import { decide } from './core/decide';
import { checkEvent } from './core/event';
import { ChannelFlowPolicies } from './policy/policies';
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
}
