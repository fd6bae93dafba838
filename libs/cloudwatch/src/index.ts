export {
  CloudWatchMetrics,
  MetricsPublishError,
  type CloudWatchMetricsOptions,
  type MetricDatum,
} from './metrics-client';
