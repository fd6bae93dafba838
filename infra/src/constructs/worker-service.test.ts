import { describe, expect, it } from 'vitest';
import { BUCKET_LAYOUT, QUEUE_METRICS, WORKER, WORKER_ENV } from '../contract';
import { STAGES } from '../settings';
import { resourcesOfType, synthesized } from '../testing/synth';
import { container, environment, only } from '../testing/template-views';
import { backlogSteps } from './worker-service';

describe('backlogSteps', () => {
  it('maps a backlog b to ceil(b / jobsPerTask) workers, at most maxTasks', () => {
    // Bounds are relative to the alarm threshold (backlog ≥ 1): backlog b is at b − 1.
    const tasksFor = (backlog: number, steps: ReturnType<typeof backlogSteps>) =>
      steps.find((s) => backlog - 1 >= s.lower && (s.upper === undefined || backlog - 1 < s.upper))?.tasks;
    for (const [jobs, max] of [
      [1, 8],
      [2, 5],
      [3, 1],
    ] as const) {
      const steps = backlogSteps(jobs, max);
      for (let b = 1; b <= 40; b++)
        expect(tasksFor(b, steps), `b=${b} j=${jobs} max=${max}`).toBe(Math.min(max, Math.ceil(b / jobs)));
    }
    expect(backlogSteps(1, 3)).toEqual([
      { lower: 0, upper: 1, tasks: 1 },
      { lower: 1, upper: 2, tasks: 2 },
      { lower: 2, tasks: 3 },
    ]);
  });
});

describe.each(STAGES)('worker service (%s)', (stage) => {
  const get = () => synthesized().stages[stage];
  /** STYLECLIP_MODEL_SETS: every set under the data bucket's models/ prefix. */
  const modelSetsOfDataBucket = {
    'Fn::Join': [
      '',
      ['s3://', { Ref: expect.stringMatching(/^StorageData/) }, `/${BUCKET_LAYOUT.modelsPrefix}/*`],
    ],
  };

  it('starts at zero tasks and scales between 0 and maxTasks', () => {
    const [, svc] = only(get(), 'AWS::ECS::Service', 'WorkerService');
    expect(svc.DesiredCount).toBe(0);
    expect(svc.LoadBalancers ?? []).toEqual([]);
    const [, target] = only(get(), 'AWS::ApplicationAutoScaling::ScalableTarget', 'WorkerTaskCount');
    expect(target).toMatchObject({
      MinCapacity: 0,
      MaxCapacity: get().settings.worker.maxTasks,
      ScalableDimension: 'ecs:service:DesiredCount',
    });
  });

  it('scales out on the queue backlog metric: exact worker counts within a minute', () => {
    const s = get().settings;
    const [policyId, policy] = only(
      get(),
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      'WorkerScaleOnBacklog',
    );
    const config = policy.StepScalingPolicyConfiguration as {
      AdjustmentType: string;
      MetricAggregationType: string;
      StepAdjustments: {
        MetricIntervalLowerBound?: number;
        MetricIntervalUpperBound?: number;
        ScalingAdjustment: number;
      }[];
    };
    expect(config.AdjustmentType).toBe('ExactCapacity');
    expect(config.MetricAggregationType).toBe('Maximum');
    expect(config.StepAdjustments).toEqual(
      backlogSteps(s.worker.jobsPerTask, s.worker.maxTasks).map((st) => ({
        MetricIntervalLowerBound: st.lower,
        ...(st.upper !== undefined ? { MetricIntervalUpperBound: st.upper } : {}),
        ScalingAdjustment: st.tasks,
      })),
    );
    const [, alarm] = only(get(), 'AWS::CloudWatch::Alarm', 'WorkerBacklogAlarm');
    expect(alarm).toMatchObject({
      Namespace: QUEUE_METRICS.namespace,
      MetricName: QUEUE_METRICS.backlog,
      Dimensions: [{ Name: QUEUE_METRICS.stageDimension, Value: stage }],
      Statistic: 'Maximum',
      Period: QUEUE_METRICS.periodSeconds,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      AlarmActions: [{ Ref: policyId }],
    });
  });

  it('scales to zero after the idle time with an empty queue', () => {
    const [policyId, policy] = only(get(), 'AWS::ApplicationAutoScaling::ScalingPolicy', 'WorkerScaleToZero');
    expect(policy.StepScalingPolicyConfiguration).toMatchObject({
      AdjustmentType: 'ExactCapacity',
      StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 0 }],
    });
    const [, alarm] = only(get(), 'AWS::CloudWatch::Alarm', 'WorkerIdleAlarm');
    expect(alarm).toMatchObject({
      MetricName: QUEUE_METRICS.backlog,
      Threshold: 0,
      ComparisonOperator: 'LessThanOrEqualToThreshold',
      EvaluationPeriods: get().settings.worker.idleMinutesBeforeScaleIn,
      TreatMissingData: 'missing',
      AlarmActions: [{ Ref: policyId }],
    });
  });

  it('gets the queue, the metric names and time to checkpoint a job when stopped', () => {
    const c = container(get(), 'Worker');
    const env = environment(c);
    expect(env[WORKER_ENV.redisUrl]).toEqual({
      'Fn::Join': [
        '',
        [
          'rediss://',
          { 'Fn::GetAtt': [expect.stringMatching(/^JobQueueReplicationGroup/), 'PrimaryEndPoint.Address'] },
          ':',
          { 'Fn::GetAtt': [expect.stringMatching(/^JobQueueReplicationGroup/), 'PrimaryEndPoint.Port'] },
        ],
      ],
    });
    expect(env[WORKER_ENV.metricsNamespace]).toBe(QUEUE_METRICS.namespace);
    expect(env[WORKER_ENV.metricsStage]).toBe(stage);
    expect(env[WORKER_ENV.modelSets]).toEqual(modelSetsOfDataBucket);
    expect(env.STYLECLIP_JOB_CONCURRENCY).toBe(String(get().settings.worker.jobsPerTask));
    expect(env.STYLECLIP_SHUTDOWN_TIMEOUT_MS).toBe(String(WORKER.shutdownTimeoutSeconds * 1000));
    expect(c.StopTimeout).toBe(WORKER.stopTimeoutSeconds);
    expect(WORKER.shutdownTimeoutSeconds).toBeLessThan(WORKER.stopTimeoutSeconds);
    expect(c.Secrets!.map((s) => s.Name)).toEqual([WORKER_ENV.redisPassword]);
    expect(c.PortMappings ?? []).toEqual([]);
  });

  it('the API publishes the same metric (it runs while workers are at zero) and pulls the same model sets', () => {
    const env = environment(container(get(), 'Api'));
    expect(env[WORKER_ENV.metricsNamespace]).toBe(QUEUE_METRICS.namespace);
    expect(env[WORKER_ENV.metricsStage]).toBe(stage);
    expect(env[WORKER_ENV.modelSets]).toEqual(modelSetsOfDataBucket);
    expect(resourcesOfType(get().servicesJson, 'AWS::ECS::Service')).toHaveLength(3);
  });
});
