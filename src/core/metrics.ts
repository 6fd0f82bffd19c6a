/**
 * The processor's metrics, named once for both sides: the handler writes them in CloudWatch
 * embedded metric format, the construct's metric* methods read them.
 */
export const METRICS_NAMESPACE = 'CdkChimeChannelFlow';
export const METRICS_DIMENSION = 'ChannelFlowName';
/** The second dimension of the Amazon Comprehend metrics: the API (`DetectPiiEntities`, ...). */
export const COMPREHEND_API_DIMENSION = 'ComprehendApi';

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
  /** Requests to an Amazon Comprehend API (retries included), by ChannelFlowName and ComprehendApi. */
  comprehendCalls: 'ComprehendCalls',
  /** Messages for which an Amazon Comprehend API failed (after retries, or with a malformed answer) and onError answered, by ChannelFlowName and ComprehendApi. */
  comprehendFailures: 'ComprehendFailures',
  /** Time an Amazon Comprehend API took for a message, retries included, in milliseconds, by ChannelFlowName and ComprehendApi. */
  comprehendLatency: 'ComprehendLatency',
  /** Messages for which the processing hook failed (an error, a timeout, a throttle past the retries, an answer not of the contract) and onError answered. */
  hookFailures: 'HookFailures',
  /** Time the processing hook took for a message, retries included, in milliseconds. */
  hookLatency: 'HookLatency',
} as const;

/** The unit each metric is written in (embedded metric format) and read in. */
export const METRIC_UNITS: Readonly<Record<MetricName, 'Count' | 'Microseconds' | 'Milliseconds'>> = {
  MessagesProcessed: 'Count',
  MessagesDenied: 'Count',
  MessagesModified: 'Count',
  InvalidEvents: 'Count',
  CallbackRetries: 'Count',
  CallbackFailures: 'Count',
  AlreadyResolvedCallbacks: 'Count',
  PolicyErrors: 'Count',
  DecisionLatency: 'Microseconds',
  ComprehendCalls: 'Count',
  ComprehendFailures: 'Count',
  ComprehendLatency: 'Milliseconds',
  HookFailures: 'Count',
  HookLatency: 'Milliseconds',
};

export type MetricName = typeof METRIC_NAMES[keyof typeof METRIC_NAMES];
