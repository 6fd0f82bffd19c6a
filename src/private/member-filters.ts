import { Annotations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PolicyDocument } from '../core/document';
import { filterRuleGaps } from '../core/filter-rule';
import { PushNotificationFilter } from '../policy/push-notification-filter';

/**
 * A warning for each place where a member's filter rule cannot match what the flow's attribute
 * rules write: the app still deploys (a client may send the attribute itself), but a member
 * who relies on the flow would never be notified.
 */
export function warnOfFilterGaps(scope: Construct, filters: readonly PushNotificationFilter[], policy: PolicyDocument): void {
  filters.forEach((filter, i) => {
    for (const gap of filterRuleGaps(filter._node, policy.messageAttributes)) {
      Annotations.of(scope).addWarningV2('cdk-chime-channel-flow:memberFilters',
        `memberFilters[${i}] ${filter.toJson()}: ${gap}, so members with this filter are never notified of what the flow sets.`);
    }
  });
}
