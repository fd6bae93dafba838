import { StorageError } from './errors';
import { validatePrefix } from './keys';

export interface FsBlobStoreConfig {
  kind: 'fs';
  /** Folder holding the blobs (default `./data`). */
  root: string;
}

export interface S3BlobStoreConfig {
  kind: 's3';
  bucket: string;
  /** '' or ending in '/'. */
  prefix: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  /** Both or neither; neither means the SDK's default credential chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
}

export type BlobStoreConfig = FsBlobStoreConfig | S3BlobStoreConfig;

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const invalid = (problems: string[]): StorageError =>
  new StorageError('invalid_config', `invalid storage configuration:\n  - ${problems.join('\n  - ')}`);

/**
 * Validates a storage configuration object (e.g. from a config file), reporting every problem at once, and
 * returns it normalized (prefix with a trailing '/', forcePathStyle defaulted).
 * `names` maps fields to what the user wrote (environment variable names) for the messages.
 */
export function parseBlobStoreConfig(input: unknown, names: Record<string, string> = {}): BlobStoreConfig {
  const n = (field: string): string => names[field] ?? field;
  if (typeof input !== 'object' || input === null) throw invalid(['expected an object']);
  const o = input as Record<string, unknown>;
  const problems: string[] = [];
  const str = (field: string, required: boolean): string | undefined => {
    const v = o[field];
    if (v === undefined || v === '') {
      if (required) problems.push(`${n(field)} is required`);
      return undefined;
    }
    if (typeof v !== 'string') {
      problems.push(`${n(field)} must be a string, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v;
  };

  if (o.kind === 'fs') {
    const root = str('root', false) ?? './data';
    if (problems.length) throw invalid(problems);
    return { kind: 'fs', root };
  }
  if (o.kind !== 's3') throw invalid([`${n('kind')} must be "fs" or "s3", got ${JSON.stringify(o.kind)}`]);

  const bucket = str('bucket', true);
  if (bucket !== undefined && (!BUCKET.test(bucket) || bucket.includes('..'))) {
    problems.push(
      `${n('bucket')} ${JSON.stringify(bucket)} is not a valid bucket name (3-63 of a-z 0-9 . -)`,
    );
  }
  let prefix = str('prefix', false) ?? '';
  if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
  if (prefix !== '') {
    try {
      validatePrefix(prefix);
    } catch (e) {
      problems.push(`${n('prefix')}: ${(e as Error).message}`);
    }
  }
  const region = str('region', false) ?? 'us-east-1';
  if (!/^[a-z0-9-]{2,32}$/.test(region))
    problems.push(`${n('region')} ${JSON.stringify(region)} is not a region name`);
  const endpoint = str('endpoint', false);
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      problems.push(`${n('endpoint')} ${JSON.stringify(endpoint)} must be an http(s) URL`);
    }
  }
  let forcePathStyle = false;
  if (o.forcePathStyle !== undefined) {
    if (typeof o.forcePathStyle === 'boolean') forcePathStyle = o.forcePathStyle;
    else
      problems.push(`${n('forcePathStyle')} must be true or false, got ${JSON.stringify(o.forcePathStyle)}`);
  }
  const accessKeyId = str('accessKeyId', false);
  const secretAccessKey = str('secretAccessKey', false);
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    problems.push(
      `set both ${n('accessKeyId')} and ${n('secretAccessKey')}, or neither (to use the default AWS credential chain)`,
    );
  }
  if (problems.length) throw invalid(problems);
  const config: S3BlobStoreConfig = { kind: 's3', bucket: bucket as string, prefix, region, forcePathStyle };
  if (endpoint !== undefined) config.endpoint = endpoint;
  if (accessKeyId !== undefined && secretAccessKey !== undefined) {
    config.accessKeyId = accessKeyId;
    config.secretAccessKey = secretAccessKey;
  }
  return config;
}

const ENV_NAMES = {
  kind: 'STYLECLIP_STORAGE',
  root: 'STYLECLIP_DATA_DIR',
  bucket: 'STYLECLIP_S3_BUCKET',
  prefix: 'STYLECLIP_S3_PREFIX',
  region: 'STYLECLIP_S3_REGION',
  endpoint: 'STYLECLIP_S3_ENDPOINT',
  forcePathStyle: 'STYLECLIP_S3_FORCE_PATH_STYLE',
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
} as const;

/** The environment variables `blobStoreConfigFromEnv` reads, by config field. */
export const STORAGE_ENV_VARS: Readonly<Record<keyof typeof ENV_NAMES, string>> = ENV_NAMES;

/**
 * Reads the storage configuration from environment variables (see README): `STYLECLIP_STORAGE` = `fs`
 * (default) or `s3`, and the variables of that kind. Throws a StorageError 'invalid_config' listing every problem.
 */
export function blobStoreConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
): BlobStoreConfig {
  const get = (k: keyof typeof ENV_NAMES): string | undefined => {
    const v = env[ENV_NAMES[k]]?.trim();
    return v === '' ? undefined : v;
  };
  const kind = get('kind') ?? 'fs';
  if (kind === 'fs') return parseBlobStoreConfig({ kind, root: get('root') }, ENV_NAMES);
  if (kind !== 's3') throw invalid([`STYLECLIP_STORAGE must be "fs" or "s3", got ${JSON.stringify(kind)}`]);
  const pathStyle = get('forcePathStyle')?.toLowerCase();
  const forcePathStyle =
    pathStyle === undefined
      ? undefined
      : ['1', 'true', 'yes'].includes(pathStyle)
        ? true
        : ['0', 'false', 'no'].includes(pathStyle)
          ? false
          : pathStyle;
  return parseBlobStoreConfig(
    {
      kind,
      bucket: get('bucket'),
      prefix: get('prefix'),
      region: get('region'),
      endpoint: get('endpoint'),
      forcePathStyle,
      accessKeyId: get('accessKeyId'),
      secretAccessKey: get('secretAccessKey'),
    },
    ENV_NAMES,
  );
}

/** An `s3://bucket/prefix` location: the bucket, and a key prefix ('' or ending in '/'). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/**
 * Parses `s3://bucket` or `s3://bucket/some/prefix` (a trailing `/` is optional). The prefix must be key-shaped
 * (segments of A-Z a-z 0-9 _ . -); a StorageError 'invalid_config' says what is wrong.
 */
export function parseS3Url(url: string): S3Location {
  const bad = (why: string) =>
    new StorageError(
      'invalid_config',
      `invalid S3 URL ${JSON.stringify(url)}: ${why} (expected s3://bucket/prefix)`,
    );
  const m = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(url.trim());
  if (!m) throw bad('it does not start with s3://');
  const bucket = m[1]!;
  if (!BUCKET.test(bucket) || bucket.includes('..'))
    throw bad(`"${bucket}" is not a bucket name (3-63 of a-z 0-9 . -)`);
  let prefix = (m[2] ?? '').replace(/\/+$/, '');
  if (prefix !== '') {
    try {
      validatePrefix(prefix);
    } catch (e) {
      throw bad((e as Error).message);
    }
    prefix += '/';
  }
  return { bucket, prefix };
}

/**
 * The S3 configuration for an `s3://bucket/prefix` URL: bucket and prefix from the URL; region, endpoint, path
 * style and credentials from the same variables as the blob store (STYLECLIP_S3_REGION, STYLECLIP_S3_ENDPOINT,
 * STYLECLIP_S3_FORCE_PATH_STYLE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), whatever STYLECLIP_STORAGE is.
 */
export function s3ConfigForUrl(
  url: string,
  env: Record<string, string | undefined> = process.env,
): S3BlobStoreConfig {
  const location = parseS3Url(url);
  const fromEnv = blobStoreConfigFromEnv({
    ...env,
    [ENV_NAMES.kind]: 's3',
    [ENV_NAMES.bucket]: location.bucket,
    [ENV_NAMES.prefix]: location.prefix,
  }) as S3BlobStoreConfig;
  return { ...fromEnv, bucket: location.bucket, prefix: location.prefix };
}
