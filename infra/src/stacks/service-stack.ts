import { CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Construct } from 'constructs';
import type { ImageRole } from '../contract';
import type { StageSettings } from '../settings';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import { Alarms } from '../constructs/alarms';
import { ApiKeys } from '../constructs/api-keys';
import { ApiService } from '../constructs/api-service';
import { DataBucket } from '../constructs/data-bucket';
import { Edge, hostNames } from '../constructs/edge';
import { GpuCapacity } from '../constructs/gpu-capacity';
import { JobQueueRedis } from '../constructs/job-queue-redis';
import { Network } from '../constructs/network';
import { WebService } from '../constructs/web-service';
import { WorkerService } from '../constructs/worker-service';

export interface ServiceStackProps extends StackProps {
  settings: StageSettings;
  repositories: Record<ImageRole, ecr.IRepository>;
}

/**
 * Everything that runs: network, data bucket, job queue, secrets, the ECS cluster with its two GPU capacity
 * providers (API, workers), the three services, the load balancer and the alarms.
 */
export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { settings, repositories } = props;
    const names = hostNames(settings);
    const webOrigin = `https://${names.web}`;
    const imageTag = new CfnParameter(this, 'ImageTag', {
      type: 'String',
      allowedPattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$',
      description:
        "tag of the api, worker and web images in this stage's ECR repositories (e.g. the git commit)",
    }).valueAsString;

    const network = new Network(this, 'Network', { settings });
    const data = new DataBucket(this, 'Storage', { settings, webOrigin });
    const redis = new JobQueueRedis(this, 'JobQueue', { settings, vpc: network.vpc });
    const apiKeys = new ApiKeys(this, 'ApiKeys', { settings });
    const edge = new Edge(this, 'Edge', { settings, vpc: network.vpc, logs: data.logs });

    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: network.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const apiCapacity = new GpuCapacity(this, 'ApiCapacity', {
      cluster,
      vpc: network.vpc,
      role: 'Api',
      defaultInstanceType: settings.apiInstanceType,
      // One more than the tasks: a rolling deploy starts each new task before it stops an old one.
      maxInstances: settings.api.maxTasks + 1,
      spot: false,
    });
    const workerCapacity = new GpuCapacity(this, 'WorkerCapacity', {
      cluster,
      vpc: network.vpc,
      role: 'Worker',
      defaultInstanceType: settings.workerInstanceType,
      maxInstances: settings.worker.maxTasks,
      spot: settings.workerSpot,
    });

    const api = new ApiService(this, 'Api', {
      settings,
      cluster,
      capacity: apiCapacity,
      edge,
      hostName: names.api,
      webOrigin,
      repository: repositories.api,
      imageTag,
      bucket: data.bucket,
      redis,
      apiKeys: apiKeys.secret,
    });
    new WorkerService(this, 'Worker', {
      settings,
      cluster,
      capacity: workerCapacity,
      repository: repositories.worker,
      imageTag,
      bucket: data.bucket,
      redis,
    });
    new WebService(this, 'Web', {
      settings,
      cluster,
      edge,
      hostName: names.web,
      apiUrl: `https://${names.api}`,
      repository: repositories.web,
      imageTag,
    });
    new Alarms(this, 'Alarms', { settings, apiTargetGroup: api.targetGroup });

    new CfnOutput(this, 'WebUrl', { value: webOrigin });
    new CfnOutput(this, 'ApiUrl', { value: `https://${names.api}` });
    new CfnOutput(this, 'DataBucketName', { value: data.bucket.bucketName });
    new CfnOutput(this, 'ApiKeysSecretArn', { value: apiKeys.secret.secretArn });
    new CfnOutput(this, 'ClusterName', { value: cluster.clusterName });
  }
}
