import { METRIC_UNITS, METRICS_DIMENSION, METRICS_NAMESPACE, MetricName } from '../../src/core/metrics';

export type MetricValues = Partial<Record<MetricName, number>>;

/**
 * One CloudWatch embedded-metric-format line for one invocation: Lambda's log pipeline turns
 * it into metrics, with no API call on the message path.
 *
 * Lambda's log-level filter gives a JSON line without a `level` (or without a valid RFC 3339
 * `timestamp` beside it) the level INFO, so under WARN or ERROR it would drop the metrics and
 * every alarm on them would go quiet. The line carries the function's configured level
 * (`logLevel`), which the filter always lets through, and the time.
 */
export function metricsLine(flowName: string, values: MetricValues, timestamp: number, level: string,
  dimension?: { readonly name: string; readonly value: string }): string {
  const names = Object.keys(values) as MetricName[];
  return JSON.stringify({
    timestamp: new Date(timestamp).toISOString(),
    level,
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [{
        Namespace: METRICS_NAMESPACE,
        Dimensions: [dimension ? [METRICS_DIMENSION, dimension.name] : [METRICS_DIMENSION]],
        Metrics: names.map((name) => ({ Name: name, Unit: METRIC_UNITS[name] })),
      }],
    },
    [METRICS_DIMENSION]: flowName,
    ...(dimension ? { [dimension.name]: dimension.value } : {}),
    ...values,
  });
}
