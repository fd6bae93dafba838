import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, createStudio, type BlobStore, type Logger } from '@styleclip/studio';
import { ApiKeys, clientIp } from './auth';
import { AuthGate } from './auth-gate';
import { WorkBudget } from './budget';
import type { ApiConfig } from './config';
import { toApiError } from './errors';
import { createApollo } from './graphql/apollo';
import { createSchema } from './graphql/schema';
import { applyCors } from './http/cors';
import { fileHandler } from './http/files';
import { graphqlHandler, type RequestScope } from './http/graphql';
import { livenessHandler, readinessHandler } from './http/health';
import { metricsHandler } from './http/metrics';
import { uploadHandler } from './http/uploads';
import { requestIdOf, sendError } from './http/util';
import { Metrics } from './metrics';
import { pageDefaults } from './paging';
import { RateLimiter } from './rate-limit';
import type { Services } from './services';
import { Drain } from './shutdown';
import { createSubscriptionServer } from './subscriptions';
import { VERSION } from './version';

export interface StartOptions {
  logger?: Logger;
  /** Wraps the configured BlobStore (tests inject outages). */
  wrapBlobStore?: (store: BlobStore) => BlobStore;
}

export interface ApiServer {
  /** `http://host:port` as bound. */
  readonly url: string;
  readonly port: number;
  readonly services: Services;
  readonly log: Logger;
  /** Requests being handled now. */
  readonly inFlight: number;
  /** Resolves when the default model set is loaded (rejects if it cannot be). */
  readonly warm: Promise<void>;
  /**
   * Graceful stop: readiness goes to 503, no new connections, in-flight requests finish (up to the shutdown
   * timeout), WebSockets close, running jobs are checkpointed (resumed at the next start), resources released.
   */
  close(): Promise<void>;
}

const UPLOAD_PATH = /^\/uploads\/([0-9a-z]{20})$/;

/** Starts the API: HTTP (GraphQL, uploads, files, health, metrics) and WebSocket subscriptions on one port. */
export async function startApiServer(config: ApiConfig, o: StartOptions = {}): Promise<ApiServer> {
  const log = o.logger ?? createLogger(config.studio.logLevel, { service: 'styleclip-api' });
  let boundUrl = '';
  const publicUrl = () => config.publicUrl ?? boundUrl;
  const studio = createStudio(config.studio, {
    log,
    publicUrl,
    ...(o.wrapBlobStore ? { wrapBlobStore: o.wrapBlobStore } : {}),
  });
  const services: Services = {
    ...studio,
    webUrl: () => config.webUrl ?? publicUrl(),
    version: VERSION,
  };
  const { storage, models, jobs } = studio;

  const queryLimits = { ...config.limits, defaultFirst: pageDefaults(studio.parameters) };
  const metrics = new Metrics();
  const keys = new ApiKeys(config.apiKeys, config.adminKeys);
  const auth = new AuthGate(keys, config.authFailures);
  const budget = new WorkBudget({ ...config.work, keysRequired: keys.required });
  const limiter = config.rateLimit ? new RateLimiter(config.rateLimit) : undefined;
  const schema = createSchema();
  const apollo = createApollo(schema, {
    log,
    introspection: config.introspection,
    keysRequired: keys.required,
    limits: queryLimits,
    budget,
    onErrorCode: (code) => metrics.errorCode(code),
  });
  await apollo.start();

  let shuttingDown = false;
  const ipOf = (req: IncomingMessage) => clientIp(req, config.trustProxy);
  const graphql = graphqlHandler({
    apollo,
    services,
    auth,
    ...(limiter ? { limiter } : {}),
    maxBodyBytes: config.limits.maxBodyBytes,
  });
  const upload = uploadHandler({ services, keys, ...(limiter ? { limiter } : {}) });
  const files = fileHandler({ storage, ...(limiter ? { limiter } : {}) });
  const liveness = livenessHandler();
  const readiness = readinessHandler({ models, storage, shuttingDown: () => shuttingDown });
  const metricsRoute = metricsHandler({ metrics, models, jobs, storage });

  const route = async (
    req: IncomingMessage,
    res: ServerResponse,
    scope: RequestScope,
    path: string,
  ): Promise<string> => {
    const m = req.method ?? 'GET';
    if (path === '/graphql' && (m === 'POST' || m === 'GET'))
      return (await graphql(req, res, scope), 'graphql');
    const up = UPLOAD_PATH.exec(path);
    if (up && m === 'PUT') return (await upload(req, res, scope, up[1]!), 'upload');
    if (path.startsWith('/files/') && (m === 'GET' || m === 'HEAD')) {
      let key: string;
      try {
        key = decodeURIComponent(path.slice('/files/'.length));
      } catch {
        key = ''; // a malformed escape: no such file
      }
      return (await files(req, res, scope, key), 'files');
    }
    if (path === '/healthz' && m === 'GET') return (liveness(req, res), 'healthz');
    if (path === '/readyz' && m === 'GET') return (await readiness(req, res), 'readyz');
    if (path === '/metrics' && m === 'GET') return (await metricsRoute(req, res), 'metrics');
    req.resume();
    sendError(res, scope.requestId, 'NOT_FOUND', `no route for ${m} ${path}`);
    return 'unknown';
  };

  const drain = new Drain();
  const httpServer = createServer(
    { requestTimeout: 300_000, headersTimeout: 30_000, keepAliveTimeout: 5_000 },
    (req, res) => {
      const t0 = performance.now();
      const requestId = requestIdOf(req);
      res.setHeader('x-request-id', requestId);
      if (shuttingDown) res.setHeader('connection', 'close');
      const scope: RequestScope = { requestId, ip: ipOf(req), log: log.child({ reqId: requestId }) };
      const path = (req.url ?? '/').split('?')[0]!;
      let name = 'unknown';
      drain.begin();
      res.on('close', () => {
        drain.end();
        const ms = Math.round(performance.now() - t0);
        metrics.request(name, res.statusCode);
        if (name !== 'healthz' && name !== 'readyz')
          scope.log.info({ method: req.method, path, route: name, status: res.statusCode, ms }, 'request');
      });
      if (applyCors(req, res, config.corsOrigins)) return void (name = 'preflight');
      route(req, res, scope, path)
        .then((n) => (name = n))
        .catch((e) => {
          const api = toApiError(e);
          if (!api) scope.log.error({ err: e, path }, 'unexpected error (masked as INTERNAL_SERVER_ERROR)');
          if (res.headersSent) return void res.destroy();
          if (api) sendError(res, requestId, api.code, api.message);
          else
            sendError(
              res,
              requestId,
              'INTERNAL_SERVER_ERROR',
              `internal server error (request ${requestId})`,
            );
        });
    },
  );
  httpServer.on('clientError', (_e, socket) => socket.destroy());

  const ws = createSubscriptionServer({
    schema,
    services,
    auth,
    budget,
    introspection: config.introspection,
    ...(limiter ? { limiter } : {}),
    limits: { ...queryLimits, maxBodyBytes: config.limits.maxBodyBytes },
    corsOrigins: config.corsOrigins,
    clientIp: ipOf,
    log,
  });
  httpServer.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/graphql' || shuttingDown) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    ws.upgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  boundUrl = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  log.info(
    {
      url: boundUrl,
      publicUrl: publicUrl(),
      storage: storage.raw.description,
      modelsDir: config.studio.modelsDir,
      jobs: jobs.mode === 'queue' ? 'queue (REDIS_URL): workers run them' : 'in this process',
      version: VERSION,
    },
    'listening',
  );

  const warm = models.warmUp();
  warm.catch(() => undefined);
  // Queue metrics for the workers' autoscaling (STYLECLIP_METRICS_*): the API reports the first queued job while
  // there is no worker yet.
  studio.startQueueMetrics();
  const resumed = jobs.resume().catch((e) => {
    log.error({ err: e }, 'could not resume unfinished jobs (storage or Redis unavailable?)');
    return 0;
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      shuttingDown = true;
      log.info({ inFlight: drain.inFlight }, 'shutting down');
      const stopped = new Promise<void>((r) => httpServer.close(() => r()));
      httpServer.closeIdleConnections();
      await ws.close();
      const drained = await drain.wait(config.studio.shutdownTimeoutMs);
      if (!drained)
        log.warn(
          { inFlight: drain.inFlight },
          'requests still running after the shutdown timeout; closing them',
        );
      httpServer.closeAllConnections();
      await stopped;
      await resumed;
      await apollo.stop();
      await warm.catch(() => undefined);
      await studio.close(config.studio.shutdownTimeoutMs);
      log.info('stopped');
    })();
    return closing;
  };

  return {
    url: boundUrl,
    port: address.port,
    services,
    log,
    get inFlight() {
      return drain.inFlight;
    },
    warm,
    close,
  };
}
