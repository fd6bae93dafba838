import { S3Client } from '@aws-sdk/client-s3';

/** How to reach an S3 (or S3-compatible) endpoint: what every client of this library is built from. */
export interface S3ConnectionOptions {
  region: string;
  /** For S3-compatible servers (MinIO, s3rver, R2…): `http://127.0.0.1:9000`. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`); needed by most S3-compatible servers. */
  forcePathStyle?: boolean;
  /** Static credentials; when omitted the SDK's default chain (env, profile, instance role) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts per request including the first (default 3). */
  maxAttempts?: number;
  /** Milliseconds to establish a connection (default 3000). */
  connectionTimeoutMs?: number;
  /** Milliseconds a request may sit idle on its socket (default 30000). */
  requestTimeoutMs?: number;
}

/** An S3 client with the settings every store here uses. */
export function createS3Client(o: S3ConnectionOptions): S3Client {
  return new S3Client({
    region: o.region,
    endpoint: o.endpoint,
    forcePathStyle: o.forcePathStyle ?? false,
    credentials: o.credentials,
    maxAttempts: o.maxAttempts ?? 3,
    // Only checksum when an operation requires it: S3-compatible servers (s3rver, older MinIO) store the
    // aws-chunked trailer encoding verbatim otherwise, corrupting streamed bodies.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      connectionTimeout: o.connectionTimeoutMs ?? 3000,
      requestTimeout: o.requestTimeoutMs ?? 30_000,
    },
  });
}
