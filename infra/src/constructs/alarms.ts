import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { QUEUE_METRICS } from '../contract';
import type { StageSettings } from '../settings';
import { queueMetric } from './queue-metrics';

/**
 * Alarms that page (SNS topic, e-mail when configured): API 5xx rate, API p99 latency, API without a healthy
 * task, the oldest waiting job's age, and missing queue metrics (then the workers cannot scale).
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: StageSettings; apiTargetGroup: elbv2.ApplicationTargetGroup },
  ) {
    super(scope, id);
    const { settings, apiTargetGroup } = props;
    const a = settings.alarms;

    // CloudWatch can only publish to an encrypted topic whose key it may use: a key of our own.
    const key = new kms.Key(this, 'TopicKey', {
      description: `StyleCLIP ${settings.stage} alarm topic`,
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `StyleCLIP ${settings.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (settings.alarmEmail)
      this.topic.addSubscription(new subscriptions.EmailSubscription(settings.alarmEmail));
    const notify = new cwActions.SnsAction(this.topic);
    const page = (alarm: cloudwatch.Alarm) => {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      return alarm;
    };

    const minute = Duration.minutes(1);
    const requests = apiTargetGroup.metrics.requestCount({ period: minute, statistic: cloudwatch.Stats.SUM });
    const errors = apiTargetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
      period: minute,
      statistic: cloudwatch.Stats.SUM,
    });
    page(
      new cloudwatch.MathExpression({
        expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
        usingMetrics: { requests, errors },
        period: minute,
        label: 'API 5xx responses (% of requests)',
      }).createAlarm(this, 'Api5xxRate', {
        alarmDescription: `API: more than ${a.api5xxPercent}% of requests answered 5xx in 3 of 5 minutes`,
        threshold: a.api5xxPercent,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    page(
      apiTargetGroup.metrics
        .targetResponseTime({ period: minute, statistic: cloudwatch.Stats.percentile(99) })
        .createAlarm(this, 'ApiLatencyP99', {
          alarmDescription: `API: p99 response time above ${a.apiP99Seconds} s in 3 of 5 minutes`,
          threshold: a.apiP99Seconds,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
    );
    page(
      apiTargetGroup.metrics
        .healthyHostCount({ period: minute, statistic: cloudwatch.Stats.MINIMUM })
        .createAlarm(this, 'ApiNoHealthyTask', {
          alarmDescription: 'API: no task has passed /readyz for 3 minutes (the API is down)',
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
          evaluationPeriods: 3,
          treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        }),
    );
    page(
      queueMetric(settings, 'oldestWaitingAge').createAlarm(this, 'OldestJobAge', {
        alarmDescription: `jobs: the oldest waiting job has waited more than ${a.oldestJobAgeMinutes} minutes for 3 minutes`,
        threshold: a.oldestJobAgeMinutes * 60,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.MISSING,
      }),
    );
    page(
      queueMetric(settings, 'backlog')
        .with({ statistic: cloudwatch.Stats.SAMPLE_COUNT, period: Duration.minutes(5) })
        .createAlarm(this, 'QueueMetricsMissing', {
          alarmDescription: `jobs: no ${QUEUE_METRICS.namespace}/${QUEUE_METRICS.backlog} data for 10 minutes: workers cannot scale`,
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
          evaluationPeriods: 2,
          treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        }),
    );
  }
}
