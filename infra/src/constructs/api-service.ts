import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { API, API_STOP_TIMEOUT_SECONDS, BUCKET_LAYOUT, WORKER_ENV } from '../contract';
import type { StageSettings } from '../settings';
import type { Edge } from './edge';
import type { GpuCapacity } from './gpu-capacity';
import { gpuTaskDefinition } from './gpu-task';
import { httpHealthCommand } from './health-command';
import type { JobQueueRedis } from './job-queue-redis';
import { grantBucketPrefixes, grantQueueMetrics } from './task-access';

export interface ApiServiceProps {
  settings: StageSettings;
  cluster: ecs.ICluster;
  capacity: GpuCapacity;
  edge: Edge;
  hostName: string;
  webOrigin: string;
  repository: ecr.IRepository;
  imageTag: string;
  bucket: s3.IBucket;
  redis: JobQueueRedis;
  apiKeys: secretsmanager.ISecret;
}

/**
 * The GraphQL API on GPU instances behind the load balancer (`api.<domain>`). Traffic only reaches a task once
 * `/readyz` answers (model set loaded, storage reachable); ECS replaces a task whose `/healthz` stops answering.
 * A stopping task is first drained at the load balancer for the API's shutdown timeout, then gets SIGTERM.
 */
export class ApiService extends Construct {
  readonly service: ecs.Ec2Service;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: ApiServiceProps) {
    super(scope, id);
    const { settings } = props;
    const task = gpuTaskDefinition(this, {
      settings,
      service: 'api',
      repository: props.repository,
      imageTag: props.imageTag,
      bucket: props.bucket,
      redisUrl: props.redis.url,
      environment: {
        STYLECLIP_HOST: '0.0.0.0',
        STYLECLIP_PORT: String(API.port),
        STYLECLIP_PUBLIC_URL: `https://${props.hostName}`,
        STYLECLIP_WEB_URL: props.webOrigin,
        STYLECLIP_CORS_ORIGINS: props.webOrigin,
        // Behind the load balancer, the client address is in X-Forwarded-For.
        STYLECLIP_TRUST_PROXY: 'true',
        STYLECLIP_SHUTDOWN_TIMEOUT_MS: String(API.shutdownTimeoutSeconds * 1000),
      },
      secrets: {
        STYLECLIP_API_KEY_SHA256: ecs.Secret.fromSecretsManager(props.apiKeys, 'STYLECLIP_API_KEY_SHA256'),
        [WORKER_ENV.redisPassword]: ecs.Secret.fromSecretsManager(props.redis.authToken, 'token'),
      },
      memoryReservationMiB: settings.api.memoryReservationMiB,
      cpuUnits: settings.api.cpuUnits,
      intraOpThreads: settings.api.intraOpThreads,
      stopTimeoutSeconds: API_STOP_TIMEOUT_SECONDS,
      portMappings: [{ containerPort: API.port, protocol: ecs.Protocol.TCP }],
      healthCheck: {
        command: httpHealthCommand(API.port, API.livenessPath),
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(60),
      },
    });
    grantBucketPrefixes(task.taskRole, props.bucket, {
      readWrite: [BUCKET_LAYOUT.dataPrefix],
      read: [BUCKET_LAYOUT.modelsPrefix],
    });
    grantQueueMetrics(task.taskRole);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.cluster.vpc,
      description: 'StyleCLIP API tasks: the API port from the load balancer only',
      allowAllOutbound: true,
    });
    this.securityGroup.connections.allowFrom(
      props.edge.securityGroup,
      ec2.Port.tcp(API.port),
      'load balancer to API',
    );
    props.redis.allowFrom(this.securityGroup, 'API tasks to the job queue');

    this.service = new ecs.Ec2Service(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: task,
      desiredCount: settings.api.minTasks,
      securityGroups: [this.securityGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      capacityProviderStrategies: [
        { capacityProvider: props.capacity.capacityProvider.capacityProviderName, weight: 1 },
      ],
      // One GPU per instance: a rolling deploy starts the new task on a new instance before stopping an old one.
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
      healthCheckGracePeriod: Duration.seconds(settings.api.healthCheckGraceSeconds),
      placementStrategies: [ecs.PlacementStrategy.spreadAcrossInstances()],
    });
    // The capacity provider must be associated with the cluster before a service names it in its strategy;
    // CloudFormation does not know that on its own (the strategy refers to the provider, not the association).
    this.service.node.addDependency(props.cluster);

    this.targetGroup = props.edge.https.addTargets('Api', {
      priority: 10,
      conditions: [elbv2.ListenerCondition.hostHeaders([props.hostName])],
      port: API.port,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service],
      deregistrationDelay: Duration.seconds(API.shutdownTimeoutSeconds),
      healthCheck: {
        path: API.readinessPath,
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });

    const scaling = this.service.autoScaleTaskCount({
      minCapacity: settings.api.minTasks,
      maxCapacity: settings.api.maxTasks,
    });
    scaling.scaleOnRequestCount('RequestsPerTask', {
      targetGroup: this.targetGroup,
      requestsPerTarget: settings.api.requestsPerTaskPerMinute,
      scaleInCooldown: Duration.minutes(10),
      scaleOutCooldown: Duration.minutes(2),
    });
  }
}
