import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { BUCKET_LAYOUT } from '../contract';
import { STAGES } from '../settings';
import { resourcesOfType, synthesized } from '../testing/synth';

describe.each(STAGES)('data bucket (%s)', (stage) => {
  const get = () => synthesized().stages[stage];
  const dataBucket = () => {
    const buckets = resourcesOfType(get().servicesJson, 'AWS::S3::Bucket').filter(([id]) =>
      id.startsWith('StorageData'),
    );
    expect(buckets).toHaveLength(1);
    return buckets[0]!;
  };

  it('blocks public access, encrypts, versions', () => {
    const [, p] = dataBucket();
    expect(p.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(p.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(p.LoggingConfiguration).toMatchObject({ LogFilePrefix: 's3-access/' });
  });

  it('refuses requests without TLS', () => {
    const [id] = dataBucket();
    get().services.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('expires previews, abandoned raw uploads, incomplete multipart uploads and old versions', () => {
    const [, p] = dataBucket();
    const l = get().settings.lifecycle;
    const rules = (p.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    const byId = Object.fromEntries(rules.map((r) => [r.Id, r]));
    expect(byId['abort-incomplete-multipart']).toMatchObject({
      Status: 'Enabled',
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: l.abortIncompleteMultipartDays },
    });
    expect(byId['abort-incomplete-multipart']!.Prefix).toBeUndefined();
    expect(byId['expire-previews']).toMatchObject({
      Status: 'Enabled',
      Prefix: BUCKET_LAYOUT.previewsPrefix,
      ExpirationInDays: l.previewsExpireDays,
    });
    expect(byId['expire-raw-uploads']).toMatchObject({
      Prefix: BUCKET_LAYOUT.uploadsPrefix,
      ExpirationInDays: l.uploadsExpireDays,
    });
    expect(byId['expire-noncurrent-versions']).toMatchObject({
      NoncurrentVersionExpiration: { NoncurrentDays: l.noncurrentVersionsExpireDays },
    });
    // The disposable prefixes are inside the data prefix the containers use.
    for (const prefix of [BUCKET_LAYOUT.previewsPrefix, BUCKET_LAYOUT.uploadsPrefix])
      expect(prefix.startsWith(`${BUCKET_LAYOUT.dataPrefix}/`)).toBe(true);
  });

  it('lets only the web origin PUT to presigned upload URLs from a browser', () => {
    const [, p] = dataBucket();
    expect(p.CorsConfiguration).toEqual({
      CorsRules: [
        expect.objectContaining({
          AllowedOrigins: [`https://${get().settings.domainName}`],
          AllowedMethods: ['PUT', 'GET', 'HEAD'],
        }),
      ],
    });
  });

  it('keeps its access logs in a private, encrypted, TLS-only bucket with retention', () => {
    const logs = resourcesOfType(get().servicesJson, 'AWS::S3::Bucket').filter(([id]) =>
      id.startsWith('StorageLogs'),
    );
    expect(logs).toHaveLength(1);
    const [id, p] = logs[0]!;
    expect(p.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(p.BucketEncryption).toBeDefined();
    expect(JSON.stringify(p.LifecycleConfiguration)).toContain('"ExpirationInDays"');
    get().services.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

it('retains the prod bucket when the stack is deleted; dev goes with it', () => {
  const policy = (stage: 'dev' | 'prod') =>
    Object.entries(synthesized().stages[stage].servicesJson.Resources).find(
      ([id, r]) => id.startsWith('StorageData') && r.Type === 'AWS::S3::Bucket',
    )![1];
  expect(policy('prod').DeletionPolicy).toBe('Retain');
  expect(policy('dev').DeletionPolicy).toBe('Delete');
});
