import { RemovalPolicy, Size } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StageSettings } from '../settings';
import { retention } from './log-retention';

/** A service's log group (stage retention) and the awslogs driver writing to it without blocking the app. */
export function containerLog(
  scope: Construct,
  settings: StageSettings,
  service: string,
): { group: logs.LogGroup; driver: ecs.LogDriver } {
  const group = new logs.LogGroup(scope, 'Logs', {
    logGroupName: `/styleclip/${settings.stage}/${service}`,
    retention: retention(settings.logRetentionDays),
    removalPolicy: settings.destroyOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
  });
  const driver = ecs.LogDrivers.awsLogs({
    logGroup: group,
    streamPrefix: service,
    // A CloudWatch hiccup must not stall the event loop: buffer, and drop lines if the buffer fills.
    mode: ecs.AwsLogDriverMode.NON_BLOCKING,
    maxBufferSize: Size.mebibytes(25),
  });
  return { group, driver };
}
