import { Duration, Stack } from 'aws-cdk-lib';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { BUCKET_LAYOUT, modelSetsUrl, MODELS_DIR_IN_IMAGE, QUEUE_METRICS, WORKER_ENV } from '../contract';
import type { StageSettings } from '../settings';
import { containerLog } from './container-log';
import { acknowledgeTaskFindings } from './task-findings';

export interface GpuTaskProps {
  settings: StageSettings;
  service: 'api' | 'worker';
  repository: ecr.IRepository;
  imageTag: string;
  bucket: s3.IBucket;
  redisUrl: string;
  environment: Record<string, string>;
  secrets: Record<string, ecs.Secret>;
  memoryReservationMiB: number;
  cpuUnits: number;
  intraOpThreads: number;
  stopTimeoutSeconds: number;
  portMappings?: ecs.PortMapping[];
  healthCheck?: ecs.HealthCheck;
}

/**
 * An EC2 task definition for one GPU container (awsvpc networking: the task has its own ENI and security
 * group). Storage, model, runner and queue settings are the same for the API and the worker; the rest comes
 * from the caller. Each new task starts with the image's models folder and pulls the bucket's model sets into it
 * (ECS replaces containers rather than restarting them, so the local cache lives as long as the task).
 */
export function gpuTaskDefinition(scope: Construct, props: GpuTaskProps): ecs.Ec2TaskDefinition {
  const { settings } = props;
  const task = new ecs.Ec2TaskDefinition(scope, 'Task', { networkMode: ecs.NetworkMode.AWS_VPC });
  const log = containerLog(scope, settings, props.service);
  task.addContainer(props.service, {
    image: ecs.ContainerImage.fromEcrRepository(props.repository, props.imageTag),
    essential: true,
    gpuCount: 1,
    cpu: props.cpuUnits,
    memoryReservationMiB: props.memoryReservationMiB,
    stopTimeout: Duration.seconds(props.stopTimeoutSeconds),
    logging: log.driver,
    environment: {
      STYLECLIP_STORAGE: 's3',
      STYLECLIP_S3_BUCKET: props.bucket.bucketName,
      STYLECLIP_S3_PREFIX: BUCKET_LAYOUT.dataPrefix,
      STYLECLIP_S3_REGION: Stack.of(scope).region,
      STYLECLIP_MODELS_DIR: MODELS_DIR_IN_IMAGE,
      // Sets pushed to the bucket's models/ prefix are pulled at start (none yet: the image's tiny set serves).
      [WORKER_ENV.modelSets]: modelSetsUrl(props.bucket.bucketName),
      STYLECLIP_DEFAULT_MODEL_SET: settings.defaultModelSet,
      STYLECLIP_EXECUTION_PROVIDER: 'cuda',
      STYLECLIP_INTRA_OP_THREADS: String(props.intraOpThreads),
      STYLECLIP_LOG_LEVEL: 'info',
      [WORKER_ENV.redisUrl]: props.redisUrl,
      [WORKER_ENV.metricsNamespace]: QUEUE_METRICS.namespace,
      [WORKER_ENV.metricsStage]: settings.stage,
      ...props.environment,
    },
    secrets: props.secrets,
    ...(props.portMappings ? { portMappings: props.portMappings } : {}),
    ...(props.healthCheck ? { healthCheck: props.healthCheck } : {}),
  });
  acknowledgeTaskFindings(task);
  return task;
}
