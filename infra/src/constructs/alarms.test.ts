import { describe, expect, it } from 'vitest';
import { buildApp, stackNames } from '../app';
import { QUEUE_METRICS } from '../contract';
import { STAGES } from '../settings';
import { cdkJsonContext, resourcesOfType, scratchOutdir, synthesized } from '../testing/synth';
import { only } from '../testing/template-views';

describe.each(STAGES)('alarms (%s)', (stage) => {
  const get = () => synthesized().stages[stage];
  const alarm = (prefix: string) => only(get(), 'AWS::CloudWatch::Alarm', `Alarms${prefix}`)[1];
  const topic = () => only(get(), 'AWS::SNS::Topic', 'AlarmsTopic');

  it('API 5xx rate: target 5xx over requests of the API target group, in percent', () => {
    const a = alarm('Api5xxRate');
    expect(a).toMatchObject({
      Threshold: get().settings.alarms.api5xxPercent,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
    });
    const metrics = a.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string }[] }; Stat: string };
    }[];
    const expr = metrics.find((m) => m.Expression)!;
    expect(expr.Expression).toBe('IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)');
    const byId = Object.fromEntries(metrics.filter((m) => m.MetricStat).map((m) => [m.Id, m.MetricStat!]));
    expect(byId.errors!.Metric.MetricName).toBe('HTTPCode_Target_5XX_Count');
    expect(byId.requests!.Metric.MetricName).toBe('RequestCount');
    for (const m of Object.values(byId)) {
      expect(m.Stat).toBe('Sum');
      expect(JSON.stringify(m.Metric.Dimensions)).toMatch(/EdgeLoadBalancerHttpsApiGroup/);
    }
  });

  it('API p99 latency on the API target group', () => {
    expect(alarm('ApiLatencyP99')).toMatchObject({
      MetricName: 'TargetResponseTime',
      ExtendedStatistic: 'p99',
      Threshold: get().settings.alarms.apiP99Seconds,
      Dimensions: expect.arrayContaining([expect.objectContaining({ Name: 'TargetGroup' })]),
    });
  });

  it('oldest job age on the queue metric the workers publish', () => {
    expect(alarm('OldestJobAge')).toMatchObject({
      Namespace: QUEUE_METRICS.namespace,
      MetricName: QUEUE_METRICS.oldestWaitingAge,
      Dimensions: [{ Name: QUEUE_METRICS.stageDimension, Value: stage }],
      Statistic: 'Maximum',
      Threshold: get().settings.alarms.oldestJobAgeMinutes * 60,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('API without a healthy task, and missing queue metrics, page too', () => {
    expect(alarm('ApiNoHealthyTask')).toMatchObject({
      MetricName: 'HealthyHostCount',
      TreatMissingData: 'breaching',
    });
    expect(alarm('QueueMetricsMissing')).toMatchObject({
      MetricName: QUEUE_METRICS.backlog,
      Statistic: 'SampleCount',
      TreatMissingData: 'breaching',
    });
  });

  it('every paging alarm notifies the encrypted alarm topic on alarm and on recovery', () => {
    const [topicId, t] = topic();
    expect(t.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AlarmsTopicKey/), 'Arn'] });
    const paging = resourcesOfType(get().servicesJson, 'AWS::CloudWatch::Alarm').filter(([id]) =>
      id.startsWith('Alarms'),
    );
    expect(paging).toHaveLength(5);
    for (const [id, a] of paging) {
      expect(a.AlarmActions, id).toEqual([{ Ref: topicId }]);
      expect(a.OKActions, id).toEqual([{ Ref: topicId }]);
    }
    get().services.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

it('subscribes the alarm e-mail when one is configured', () => {
  const { app } = buildApp({
    outdir: scratchOutdir(),
    context: { ...cdkJsonContext(), stage: 'dev', alarmEmail: 'oncall@styleclip.example.org' },
  });
  const stack = app.node.findChild(stackNames('dev').services);
  const subs = stack.node.findAll().filter((c) => c.node.id === 'oncall@styleclip.example.org');
  expect(subs).toHaveLength(1);
});
