import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudWatchMetrics, MetricsPublishError } from './metrics-client';
import { startFakeCloudWatch, type FakeCloudWatch } from './testing';

// The real SDK client (signing, retries, the JSON protocol) against a local endpoint that records the requests.

const credentials = { accessKeyId: 'AKIATESTTESTTEST', secretAccessKey: 'test-secret' };

describe('CloudWatchMetrics', () => {
  let fake: FakeCloudWatch;
  let metrics: CloudWatchMetrics;
  beforeAll(async () => {
    fake = await startFakeCloudWatch();
    metrics = new CloudWatchMetrics({
      region: 'eu-west-1',
      endpoint: fake.endpoint,
      credentials,
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    metrics?.close();
    await fake?.close();
  });

  it('sends the values with their units and dimensions, signed for the region', async () => {
    const at = new Date('2026-01-02T03:04:05Z');
    await metrics.put('StyleCLIP/Jobs', [
      { name: 'QueueBacklog', unit: 'Count', value: 3, dimensions: { Stage: 'dev' }, timestamp: at },
      { name: 'OldestWaitingJobAgeSeconds', unit: 'Seconds', value: 12.5, dimensions: { Stage: 'dev' } },
    ]);
    expect(fake.puts).toHaveLength(1);
    const put = fake.puts[0]!;
    expect(put.namespace).toBe('StyleCLIP/Jobs');
    expect(put.data.map(({ timestamp: _t, ...d }) => d)).toEqual([
      { name: 'QueueBacklog', unit: 'Count', value: 3, dimensions: { Stage: 'dev' } },
      { name: 'OldestWaitingJobAgeSeconds', unit: 'Seconds', value: 12.5, dimensions: { Stage: 'dev' } },
    ]);
    expect(put.data[0]!.timestamp.toISOString()).toBe(at.toISOString());
    expect(put.credentialScope).toMatch(/^AKIATESTTESTTEST\/\d{8}\/eu-west-1\/monitoring\/aws4_request$/);
  });

  it('splits more than 1000 values into several requests', async () => {
    fake.puts.length = 0;
    const data = Array.from({ length: 1500 }, (_, i) => ({
      name: 'M',
      unit: 'Count' as const,
      value: i,
      dimensions: { Stage: 'dev' },
    }));
    await metrics.put('Test', data);
    expect(fake.puts.map((p) => p.data.length)).toEqual([1000, 500]);
    expect(fake.puts.flatMap((p) => p.data.map((d) => d.value))).toEqual(data.map((d) => d.value));
  });

  it('a failed publish is an error naming the namespace, the metrics and the status', async () => {
    fake.failWith(500);
    try {
      const e = await metrics
        .put('StyleCLIP/Jobs', [{ name: 'QueueBacklog', unit: 'Count', value: 1, dimensions: {} }])
        .catch((err: unknown) => err);
      expect(e).toBeInstanceOf(MetricsPublishError);
      expect((e as Error).message).toMatch(/StyleCLIP\/Jobs, QueueBacklog\) failed: .*HTTP 500/);
    } finally {
      fake.failWith(200);
    }
  });

  it('refuses values CloudWatch cannot hold before sending anything', async () => {
    fake.puts.length = 0;
    await expect(
      metrics.put('Test', [{ name: 'M', unit: 'Count', value: Number.NaN, dimensions: {} }]),
    ).rejects.toThrow(/finite/);
    expect(fake.puts).toHaveLength(0);
  });
});
