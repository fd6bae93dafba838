import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { acknowledgeNag } from '../nag';

/** The AwsSolutions findings every task definition here has, and why they are acceptable. */
export function acknowledgeTaskFindings(task: ecs.TaskDefinition): void {
  acknowledgeNag(
    task,
    'ECS2',
    'the environment holds configuration only (ports, URLs, bucket name, log level); the API key digests and the Redis AUTH token come from Secrets Manager',
  );
  acknowledgeNag(
    task.obtainExecutionRole(),
    'IAM5[Resource::*]',
    "ecr:GetAuthorizationToken has no resource-level scoping; image pulls, logs and secrets are scoped to this task's repository, log group and secrets",
  );
}
