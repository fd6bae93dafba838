import { Stack, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { QUEUE_METRICS } from '../contract';
import { acknowledgeNag } from '../nag';

/** What a task may do under each key prefix of the data bucket. */
export interface BucketAccess {
  /** Get, put, delete (and abort multipart uploads) under these prefixes. */
  readWrite: string[];
  /** Get only. */
  read: string[];
}

/**
 * Grants a task role exactly its prefixes of the bucket: object actions on `<prefix>/*`, and listing only with
 * those prefixes (`StringLikeIfExists`: a HEAD of a missing key is checked against ListBucket without a prefix,
 * and must answer 404, not 403, for `exists()` and the readiness probe).
 */
export function grantBucketPrefixes(role: iam.IRole, bucket: s3.IBucket, access: BucketAccess): void {
  const objects = (prefixes: string[]) => prefixes.map((p) => bucket.arnForObjects(`${p}/*`));
  const all = [...access.readWrite, ...access.read];
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'ReadObjects', actions: ['s3:GetObject'], resources: objects(all) }),
  );
  if (access.readWrite.length > 0) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteObjects',
        actions: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: objects(access.readWrite),
      }),
    );
  }
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ListOwnPrefixes',
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLikeIfExists: { 's3:prefix': all.flatMap((p) => [`${p}/*`, p, `${p}/`]) } },
    }),
  );
  const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
  for (const prefix of all) {
    acknowledgeNag(
      role,
      `IAM5[Resource::<${bucketId}.Arn>/${prefix}/*]`,
      `the objects under ${prefix}/ are this task's share of the bucket (keys are content hashes and ids, not known in advance); the wildcard is the prefix scoping`,
    );
  }
}

/** Lets a task publish the queue metrics: PutMetricData has no resource ARNs, so the namespace is the scope. */
export function grantQueueMetrics(role: iam.IRole): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'PublishQueueMetrics',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': QUEUE_METRICS.namespace } },
    }),
  );
  acknowledgeNag(
    role,
    'IAM5[Resource::*]',
    `cloudwatch:PutMetricData has no resource-level scoping; the condition limits it to the ${QUEUE_METRICS.namespace} namespace`,
  );
}
