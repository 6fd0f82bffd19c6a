/**
 * Whether the flow a Delete stands for goes away with it, from the facts CloudFormation gives:
 * the stack's status and settings, the flow as the stack's template has it now, the physical id
 * the stack has for the flow's logical id, and the flow's policies as the resource's own
 * properties carry them (resolved at synth, after every aspect). A flow that stays keeps its
 * channels: without its flow a channel delivers every message unprocessed.
 *
 * Where the facts could be read two ways (the template during a rollback, which policy
 * CloudFormation applies when the template and the resource's properties disagree), the flow
 * goes only if every reading says so: leaving the channels of a flow that goes makes its delete
 * fail where a person sees it; taking them from a flow that stays fails silently.
 */

/** The flow as the stack's current template has it. */
export interface TemplateFlow {
  /** Its DeletionPolicy attribute, if it has one. */
  readonly deletionPolicy?: string;
  /** Its UpdateReplacePolicy attribute, if it has one. */
  readonly updateReplacePolicy?: string;
}

export interface StackFacts {
  /** The stack's status, for example `DELETE_IN_PROGRESS` or `UPDATE_COMPLETE_CLEANUP_IN_PROGRESS`. */
  readonly status: string;
  /** The stack's RetainExceptOnCreate setting: a rollback deletes what the failed operation created, whatever its policy. */
  readonly retainExceptOnCreate: boolean;
  /** The flow in the stack's current template, or undefined when the template has no resource of its logical id. */
  readonly templateFlow?: TemplateFlow;
  /** The physical id the stack has for the flow's logical id, if any. */
  readonly physicalId?: string;
}

/** The flow's policies as the resource's properties carry them. */
export interface FlowPolicies {
  readonly deletionPolicy: string;
  readonly updateReplacePolicy: string;
}

export interface FlowFate {
  readonly goes: boolean;
  /** Why, for the stack's events. */
  readonly why: string;
}

/** What CloudFormation does to a resource without the attribute. */
const DEFAULT_POLICY = 'Delete';

/**
 * Whether every policy lets CloudFormation delete the flow. `createdByFailedOperation`: the
 * flow was made by the operation being rolled back, where RetainExceptOnCreate deletes.
 * Snapshot, or anything else, keeps the channels.
 */
function deletes(policies: readonly string[], createdByFailedOperation: boolean, stackRetainExceptOnCreate: boolean): boolean {
  if (createdByFailedOperation && stackRetainExceptOnCreate) return true;
  return policies.every((policy) => policy === 'Delete' || (createdByFailedOperation && policy === 'RetainExceptOnCreate'));
}

export function flowFate(flowArn: string, stack: StackFacts, properties: FlowPolicies): FlowFate {
  const { status, templateFlow } = stack;
  const fromTemplate = (attribute: keyof TemplateFlow) => (templateFlow ? [templateFlow[attribute] ?? DEFAULT_POLICY] : []);
  const deletionPolicies = [properties.deletionPolicy, ...fromTemplate('deletionPolicy')];
  const decide = (policies: string[], createdByFailedOperation: boolean, what: string, attribute: string): FlowFate => {
    const goes = deletes(policies, createdByFailedOperation, stack.retainExceptOnCreate);
    const named = [...new Set(policies)].join(' / ');
    return goes
      ? { goes, why: `${what}, and its ${attribute} (${named}) deletes it` }
      : { goes, why: `${what}, but its ${attribute} (${named}) keeps it` };
  };

  if (status.startsWith('DELETE_')) return decide(deletionPolicies, false, 'the stack is being deleted', 'DeletionPolicy');
  // The stack's creation failed: everything in it was made by the operation rolled back.
  if (status.startsWith('ROLLBACK_')) return decide(deletionPolicies, true, 'the stack\'s creation is rolled back', 'DeletionPolicy');
  const rollingBack = status.startsWith('UPDATE_ROLLBACK_');
  if (!templateFlow) {
    // Removed from the template; during a rollback, it was added by the update that failed.
    return decide([properties.deletionPolicy], rollingBack, 'the flow is removed from the stack', 'DeletionPolicy');
  }
  if (stack.physicalId === flowArn) return { goes: false, why: 'the flow stays in the stack' };
  if (stack.physicalId === undefined) return { goes: false, why: 'the stack has no physical id for the flow: it is taken to stay' };
  // The stack's flow is another one: this one was replaced (or, in a rollback, is the replacement).
  const replacePolicies = [properties.updateReplacePolicy, ...fromTemplate('updateReplacePolicy')];
  // Which policy CloudFormation applies to a replacement it rolls back is not documented
  // plainly: in a rollback, the deletion policy must let the flow go too.
  if (rollingBack) {
    return decide([...replacePolicies, ...deletionPolicies], true, `the replacement ${flowArn} is rolled back`, 'UpdateReplacePolicy and DeletionPolicy');
  }
  return decide(replacePolicies, false, `the flow was replaced by ${stack.physicalId}`, 'UpdateReplacePolicy');
}
