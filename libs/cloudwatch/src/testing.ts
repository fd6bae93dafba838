import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One PutMetricData request as the fake CloudWatch received it. */
export interface RecordedPut {
  namespace: string;
  data: {
    name: string;
    unit: string;
    value: number;
    dimensions: Record<string, string>;
    timestamp: Date;
  }[];
  /** The SigV4 Authorization header's credential scope (`<key id>/<date>/<region>/monitoring/aws4_request`). */
  credentialScope: string;
  receivedAt: Date;
}

export interface FakeCloudWatch {
  /** `http://127.0.0.1:<port>`: give it as the endpoint (or AWS_ENDPOINT_URL_CLOUDWATCH). */
  readonly endpoint: string;
  readonly puts: RecordedPut[];
  /** Answer every request with this HTTP status (e.g. 500: an outage) until set back to 200. */
  failWith(status: number): void;
  close(): Promise<void>;
}

const read = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** CloudWatch's JSON timestamps are epoch seconds. */
const dateOf = (t: unknown): Date => new Date(typeof t === 'number' ? t * 1000 : String(t));

/**
 * A stand-in for CloudWatch's PutMetricData on 127.0.0.1 (a free port) that records what it is sent. It speaks the
 * protocol the SDK uses (AWS JSON 1.0: `X-Amz-Target: GraniteServiceVersion20100801.PutMetricData`, gzip above the
 * SDK's compression threshold); anything else is answered 400 and not recorded.
 */
export async function startFakeCloudWatch(): Promise<FakeCloudWatch> {
  const puts: RecordedPut[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await read(req);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const target = String(req.headers['x-amz-target'] ?? '');
      const reply = (code: number, json: unknown) => {
        res.writeHead(code, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(json));
      };
      if (status !== 200)
        return reply(status, { __type: 'InternalFailure', message: 'the fake is failing on purpose' });
      if (req.method !== 'POST' || !target.endsWith('.PutMetricData'))
        return reply(400, { __type: 'InvalidAction', message: `unexpected ${req.method} ${target}` });
      const input = JSON.parse(body.toString('utf8')) as {
        Namespace: string;
        MetricData: {
          MetricName: string;
          Unit: string;
          Value: number;
          Timestamp: unknown;
          Dimensions?: { Name: string; Value: string }[];
        }[];
      };
      const scope = /Credential=([^,]+)/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
      puts.push({
        namespace: input.Namespace,
        data: input.MetricData.map((d) => ({
          name: d.MetricName,
          unit: d.Unit,
          value: d.Value,
          dimensions: Object.fromEntries((d.Dimensions ?? []).map((x) => [x.Name, x.Value])),
          timestamp: dateOf(d.Timestamp),
        })),
        credentialScope: scope,
        receivedAt: new Date(),
      });
      reply(200, {});
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    puts,
    failWith(s) {
      status = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
