import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { QUEUE_METRICS } from '../contract';
import type { StageSettings } from '../settings';

/** One of the queue metrics the API and workers publish (see QUEUE_METRICS), as its Maximum per period. */
export function queueMetric(
  settings: StageSettings,
  which: 'backlog' | 'oldestWaitingAge',
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: QUEUE_METRICS.namespace,
    metricName: QUEUE_METRICS[which],
    dimensionsMap: { [QUEUE_METRICS.stageDimension]: settings.stage },
    statistic: cloudwatch.Stats.MAXIMUM,
    period: Duration.seconds(QUEUE_METRICS.periodSeconds),
  });
}
