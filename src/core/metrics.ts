/**
 * The processor's metrics, named once for both sides: the handler writes them in CloudWatch
 * embedded metric format, the construct's metric* methods read them.
 */
export const METRICS_NAMESPACE = 'CdkChimeChannelFlow';
export const METRICS_DIMENSION = 'ChannelFlowName';

export const METRIC_NAMES = {
  /** Messages answered with a callback (delivered or denied), already-resolved ones included. */
  messagesProcessed: 'MessagesProcessed',
  /** Messages denied by moderation or by a fail-closed policy error. */
  messagesDenied: 'MessagesDenied',
  /** Messages delivered with changes: redacted content, changed attributes or an added push notification. */
  messagesModified: 'MessagesModified',
  /** Events refused before any callback: not a well-formed channel message event. */
  invalidEvents: 'InvalidEvents',
  /** Callback attempts after the first one, for transient faults. */
  callbackRetries: 'CallbackRetries',
  /** Invocations whose callback could not be delivered: the event goes on to Lambda's retries and the failure destination. */
  callbackFailures: 'CallbackFailures',
  /** Callbacks the service answered as already resolved (a repeated delivery): counted as done. */
  alreadyResolved: 'AlreadyResolvedCallbacks',
  /** Messages whose policy could not be evaluated, answered by the policy's onError. */
  policyErrors: 'PolicyErrors',
  /** Time of the decision function alone, in microseconds. */
  decisionLatency: 'DecisionLatency',
} as const;

export type MetricName = typeof METRIC_NAMES[keyof typeof METRIC_NAMES];
