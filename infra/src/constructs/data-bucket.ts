import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKET_LAYOUT } from '../contract';
import type { StageSettings } from '../settings';

/**
 * The bucket for blobs, records and model sets (`data/…`, `models/…`), and the bucket its access logs (and the
 * load balancer's) go to. Private, encrypted, versioned, TLS only; disposable prefixes expire.
 */
export class DataBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly logs: s3.Bucket;

  constructor(scope: Construct, id: string, props: { settings: StageSettings; webOrigin: string }) {
    super(scope, id);
    const { settings } = props;
    const removalPolicy = settings.destroyOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    // Server access logs and ELB access logs: SSE-S3 (ELB log delivery cannot write with a KMS key).
    this.logs = new s3.Bucket(this, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [
        { id: 'expire-logs', expiration: Duration.days(Math.max(settings.logRetentionDays, 1)) },
        { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy,
    });

    const l = settings.lifecycle;
    this.bucket = new s3.Bucket(this, 'Data', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 's3-access/',
      lifecycleRules: [
        {
          id: 'abort-incomplete-multipart',
          abortIncompleteMultipartUploadAfter: Duration.days(l.abortIncompleteMultipartDays),
        },
        {
          id: 'expire-previews',
          prefix: BUCKET_LAYOUT.previewsPrefix,
          expiration: Duration.days(l.previewsExpireDays),
        },
        {
          id: 'expire-raw-uploads',
          prefix: BUCKET_LAYOUT.uploadsPrefix,
          expiration: Duration.days(l.uploadsExpireDays),
        },
        {
          // Keys are content hashes and records are rewritten in place: old versions are only for recovery.
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(l.noncurrentVersionsExpireDays),
          expiredObjectDeleteMarker: true,
        },
      ],
      // The browser PUTs uploads to presigned URLs and may read images from presigned URLs.
      cors: [
        {
          allowedOrigins: [props.webOrigin],
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedHeaders: ['content-type', 'content-length'],
          exposedHeaders: ['etag'],
          maxAge: 3600,
        },
      ],
      removalPolicy,
    });
  }
}
