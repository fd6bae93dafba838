import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag AwsSolutions finding on `scope` (and the constructs under it), with the reason it is
 * acceptable here. `rule` is the finding id as cdk-nag prints it, e.g. `IAM5[Resource::*]` or `ECS2`.
 */
export function acknowledgeNag(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${rule}`, reason });
}
