/**
 * Why each cdk-nag finding on what the construct makes is accepted: the reasons a reviewer
 * reads in the nag report, in one place.
 */
export const NAG_REASONS = {
  associateWildcards: 'Associating a channel flow names the channel and the AppInstanceUser or AppInstanceBot that acts '
    + 'as bearer; both are created at run time, so the grant covers those of this app instance only.',
  vpcAccess: 'In a VPC, Lambda attaches the processor to the VPC\'s network interfaces through AWSLambdaVPCAccessExecutionRole, '
    + 'the managed policy aws-cdk-lib gives a function in a VPC; its EC2 actions take no resource of this flow to scope to.',
  callbackWildcard: 'chime:ChannelFlowCallback is granted on the channels of this app instance only: the flow serves every '
    + 'channel associated with it, and channels are created at run time, so no narrower resource exists.',
  comprehendWildcard: 'Amazon Comprehend\'s real-time detection APIs (DetectPiiEntities, DetectToxicContent, '
    + 'DetectDominantLanguage) support no resource-level permissions; only the actions the flow\'s policy uses are granted.',
  hookVersions: 'The processor may invoke the processing hook, as aws-cdk-lib grants it: the function and its versions and aliases '
    + '(ARN:*), so a hook given as a version or alias is invoked too; no other function.',
  customResourceNeedsNoDlq: 'CloudFormation invokes the disassociation handler for a custom resource and waits for its answer; '
    + 'a failure is answered to CloudFormation, which shows it in the stack events, so no event needs a dead-letter queue.',
  customResourceNeedsNoTracing: 'The disassociation handler works only when the flow is deleted (Create and Update return at once) and logs what it did; a trace adds nothing.',
  disassociateWildcard: 'Listing and disassociating channels is granted on the channels and channel flows of this app instance '
    + 'only: channels are associated at run time, and a replaced flow is no longer this one, so no narrower resource exists; '
    + 'the bearer is named exactly.',
  failureQueueNeedsNoDlq: 'This queue is itself the failure destination of the processor\'s invocations; it needs no DLQ of its own.',
  failureRuleNeedsNoDlq: 'The target is itself the flow\'s failure queue; EventBridge retries delivery to it for 24 hours, and a '
    + 'dead-letter queue for it would be a second queue for the same failures.',
  onFailureDestination: 'Failed asynchronous invocations go to an on-failure destination (EventInvokeConfig), which keeps the '
    + 'event with the error and the attempt count; a dead-letter queue would receive the same events with less context.',
  tracingOptIn: 'Tracing is opt-in (the tracing prop): the processor makes one ChannelFlowCallback per message and logs its '
    + 'outcome, so a trace of every message adds cost without insight by default.',
  xrayWildcard: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
} as const;
