import { CloudWatchClient, PutMetricDataCommand, type StandardUnit } from '@aws-sdk/client-cloudwatch';

/** One value of one metric. */
export interface MetricDatum {
  name: string;
  unit: 'Count' | 'Seconds' | 'Milliseconds' | 'Bytes' | 'Percent' | 'None';
  value: number;
  /** Dimension name → value (CloudWatch allows up to 30). */
  dimensions: Record<string, string>;
  /** When the value was observed (default: now). */
  timestamp?: Date;
}

export interface CloudWatchMetricsOptions {
  region: string;
  /**
   * Another endpoint (tests: a local fake). Without it the SDK's own resolution applies, which also honours the
   * standard AWS_ENDPOINT_URL_CLOUDWATCH variable.
   */
  endpoint?: string;
  /** Static credentials; when omitted the SDK's default chain (env, profile, ECS task role) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts per request including the first (default 3). */
  maxAttempts?: number;
  /** Milliseconds to connect (default 3000) and to wait on an idle socket (default 10000). */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** A publish that did not go through; `cause` keeps the SDK's error. */
export class MetricsPublishError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetricsPublishError';
  }
}

/** CloudWatch allows 1000 values per PutMetricData request. */
const MAX_PER_REQUEST = 1000;

/** Publishes metric values to Amazon CloudWatch (PutMetricData). */
export class CloudWatchMetrics {
  private readonly client: CloudWatchClient;

  constructor(readonly options: CloudWatchMetricsOptions) {
    this.client = new CloudWatchClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      maxAttempts: options.maxAttempts ?? 3,
      requestHandler: {
        connectionTimeout: options.connectionTimeoutMs ?? 3000,
        requestTimeout: options.requestTimeoutMs ?? 10_000,
      },
    });
  }

  /** Sends `data` under `namespace` (in requests of at most 1000 values); throws MetricsPublishError. */
  async put(namespace: string, data: readonly MetricDatum[]): Promise<void> {
    for (const d of data) {
      if (!Number.isFinite(d.value))
        throw new MetricsPublishError(`metric ${d.name}: the value must be a finite number, got ${d.value}`);
    }
    for (let i = 0; i < data.length; i += MAX_PER_REQUEST) {
      const batch = data.slice(i, i + MAX_PER_REQUEST);
      try {
        await this.client.send(
          new PutMetricDataCommand({
            Namespace: namespace,
            MetricData: batch.map((d) => ({
              MetricName: d.name,
              Unit: d.unit as StandardUnit,
              Value: d.value,
              Timestamp: d.timestamp ?? new Date(),
              Dimensions: Object.entries(d.dimensions).map(([Name, Value]) => ({ Name, Value })),
            })),
          }),
        );
      } catch (e) {
        const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
        const status = err.$metadata?.httpStatusCode;
        throw new MetricsPublishError(
          `CloudWatch PutMetricData (${namespace}, ${batch.map((d) => d.name).join(', ')}) failed: ` +
            `${err.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${err.message ?? String(e)}`,
          { cause: e },
        );
      }
    }
  }

  /** Releases the client's sockets. */
  close(): void {
    this.client.destroy();
  }
}
