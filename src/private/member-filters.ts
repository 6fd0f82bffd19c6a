import { Annotations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PolicyDocument } from '../core/document';
import { filterRuleGaps } from '../core/filter-rule';
import { PushNotificationFilter } from '../policy/push-notification-filter';

/**
 * A warning for each part of a member's filter rule that cannot match what the flow's
 * attribute rules write: the app still deploys (a client may send the attribute itself, or
 * another part of the rule may match), but that part never matches what the flow sets.
 */
export function warnOfFilterGaps(scope: Construct, filters: readonly PushNotificationFilter[], policy: PolicyDocument): void {
  filters.forEach((filter, i) => {
    for (const gap of filterRuleGaps(filter._node, policy.messageAttributes)) {
      Annotations.of(scope).addWarningV2('cdk-chime-channel-flow:memberFilters',
        `memberFilters[${i}] ${filter.toJson()}: ${gap}, so that part of the filter never matches what the flow sets.`);
    }
  });
}
