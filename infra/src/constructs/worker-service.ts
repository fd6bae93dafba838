import { Duration, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKET_LAYOUT, WORKER, WORKER_ENV } from '../contract';
import type { StageSettings } from '../settings';
import type { GpuCapacity } from './gpu-capacity';
import { gpuTaskDefinition } from './gpu-task';
import type { JobQueueRedis } from './job-queue-redis';
import { queueMetric } from './queue-metrics';
import { grantBucketPrefixes, grantQueueMetrics } from './task-access';

export interface WorkerServiceProps {
  settings: StageSettings;
  cluster: ecs.ICluster;
  capacity: GpuCapacity;
  repository: ecr.IRepository;
  imageTag: string;
  bucket: s3.IBucket;
  redis: JobQueueRedis;
}

/**
 * A step of the backlog → worker count table, as Application Auto Scaling wants it: bounds relative to the
 * scale-out alarm's threshold (a backlog of 1).
 */
export interface BacklogStep {
  lower: number;
  upper?: number;
  tasks: number;
}

/**
 * Worker counts for each backlog: ceil(backlog / jobsPerTask), capped at maxTasks. With the alarm at backlog ≥ 1,
 * a backlog b sits at b − 1 above the threshold; task count k covers backlogs (k−1)·j+1 … k·j.
 */
export function backlogSteps(jobsPerTask: number, maxTasks: number): BacklogStep[] {
  const steps: BacklogStep[] = [];
  for (let k = 1; k <= maxTasks; k++) {
    const lower = (k - 1) * jobsPerTask;
    steps.push(k === maxTasks ? { lower, tasks: k } : { lower, upper: k * jobsPerTask, tasks: k });
  }
  return steps;
}

/**
 * The job workers: GPU tasks taking jobs from the BullMQ queue, scaled on the queue backlog metric from zero
 * (nothing queued: no task, and the capacity provider removes the idle instances) to `maxTasks`. Scale-out
 * follows a backlog within a minute; scale-in to zero waits `idleMinutesBeforeScaleIn` of empty queue, since a
 * GPU instance takes minutes to come back. A stopping worker gets SIGTERM and 120 s to checkpoint its job,
 * which another worker resumes.
 */
export class WorkerService extends Construct {
  readonly service: ecs.Ec2Service;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: WorkerServiceProps) {
    super(scope, id);
    const { settings } = props;
    const task = gpuTaskDefinition(this, {
      settings,
      service: 'worker',
      repository: props.repository,
      imageTag: props.imageTag,
      bucket: props.bucket,
      redisUrl: props.redis.url,
      environment: {
        STYLECLIP_SHUTDOWN_TIMEOUT_MS: String(WORKER.shutdownTimeoutSeconds * 1000),
        STYLECLIP_JOB_CONCURRENCY: String(settings.worker.jobsPerTask),
      },
      secrets: { [WORKER_ENV.redisPassword]: ecs.Secret.fromSecretsManager(props.redis.authToken, 'token') },
      memoryReservationMiB: settings.worker.memoryReservationMiB,
      cpuUnits: settings.worker.cpuUnits,
      intraOpThreads: settings.worker.intraOpThreads,
      stopTimeoutSeconds: WORKER.stopTimeoutSeconds,
    });
    // Jobs write results and partial results under data/, and precompute/training write into model sets.
    grantBucketPrefixes(task.taskRole, props.bucket, {
      readWrite: [BUCKET_LAYOUT.dataPrefix, BUCKET_LAYOUT.modelsPrefix],
      read: [],
    });
    grantQueueMetrics(task.taskRole);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.cluster.vpc,
      description: 'StyleCLIP worker tasks: no inbound',
      allowAllOutbound: true,
    });
    props.redis.allowFrom(this.securityGroup, 'worker tasks to the job queue');

    this.service = new ecs.Ec2Service(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: task,
      desiredCount: 0,
      securityGroups: [this.securityGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      capacityProviderStrategies: [
        { capacityProvider: props.capacity.capacityProvider.capacityProviderName, weight: 1 },
      ],
      minHealthyPercent: 0,
      maxHealthyPercent: 100,
      circuitBreaker: { rollback: true },
    });
    // The capacity provider must be associated with the cluster before a service names it in its strategy;
    // CloudFormation does not know that on its own (the strategy refers to the provider, not the association).
    this.service.node.addDependency(props.cluster);

    // A scalable target of our own (not autoScaleTaskCount): the step actions below need it, with separate
    // alarms for scale-out (fast) and scale-to-zero (after the idle time).
    const target = new appscaling.ScalableTarget(this, 'TaskCount', {
      serviceNamespace: appscaling.ServiceNamespace.ECS,
      resourceId: `service/${props.cluster.clusterName}/${this.service.serviceName}`,
      scalableDimension: 'ecs:service:DesiredCount',
      minCapacity: 0,
      maxCapacity: settings.worker.maxTasks,
      role: iam.Role.fromRoleArn(
        this,
        'ScalingRole',
        Stack.of(this).formatArn({
          region: '',
          service: 'iam',
          resource: 'role/aws-service-role/ecs.application-autoscaling.amazonaws.com',
          resourceName: 'AWSServiceRoleForApplicationAutoScaling_ECSService',
        }),
      ),
    });
    const backlog = queueMetric(settings, 'backlog');

    const scaleOut = new appscaling.StepScalingAction(this, 'ScaleOnBacklog', {
      scalingTarget: target,
      adjustmentType: appscaling.AdjustmentType.EXACT_CAPACITY,
      metricAggregationType: appscaling.MetricAggregationType.MAXIMUM,
      cooldown: Duration.minutes(1),
    });
    for (const s of backlogSteps(settings.worker.jobsPerTask, settings.worker.maxTasks)) {
      scaleOut.addAdjustment({
        lowerBound: s.lower,
        ...(s.upper !== undefined ? { upperBound: s.upper } : {}),
        adjustment: s.tasks,
      });
    }
    new cloudwatch.Alarm(this, 'BacklogAlarm', {
      alarmDescription: 'jobs are queued or running: workers follow the backlog (scaling, not a page)',
      metric: backlog,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
    }).addAlarmAction(new cwActions.ApplicationScalingAction(scaleOut));

    const scaleIn = new appscaling.StepScalingAction(this, 'ScaleToZero', {
      scalingTarget: target,
      adjustmentType: appscaling.AdjustmentType.EXACT_CAPACITY,
      metricAggregationType: appscaling.MetricAggregationType.MAXIMUM,
      cooldown: Duration.minutes(1),
    });
    scaleIn.addAdjustment({ upperBound: 0, adjustment: 0 });
    new cloudwatch.Alarm(this, 'IdleAlarm', {
      alarmDescription: `no job queued or running for ${settings.worker.idleMinutesBeforeScaleIn} minutes: workers scale to zero`,
      metric: backlog,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: settings.worker.idleMinutesBeforeScaleIn,
      // No data is no information: keep the workers as they are (the metrics-missing alarm pages).
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
    }).addAlarmAction(new cwActions.ApplicationScalingAction(scaleIn));
  }
}
