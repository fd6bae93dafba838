// `npm run worker`: a job worker. It takes jobs from the BullMQ queue on Redis (REDIS_URL) and runs them through
// the product core, on the same storage and model sets as the API (configured by the same environment; see
// .env.example). Run any number, on any machines sharing Redis, the storage and the model sets. SIGTERM/SIGINT stop
// it gracefully: running jobs go back to the queue and resume elsewhere from their stored partial results.
import { hostname } from 'node:os';
import { ConfigError, createLogger, studioConfigFromEnv } from '@styleclip/studio';
import { startWorker } from './worker';

let config;
try {
  config = studioConfigFromEnv(process.env);
  if (!config.jobs.redisUrl)
    throw new ConfigError(['REDIS_URL is required: workers take their jobs from Redis']);
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(`styleclip-worker: ${e.message}`);
  process.exit(2);
}
const log = createLogger(config.logLevel, { service: 'styleclip-worker' });
process.on('uncaughtException', (e) => {
  log.fatal({ err: e }, 'uncaught exception');
  process.exit(1);
});
process.on('unhandledRejection', (e) => {
  log.fatal({ err: e }, 'unhandled promise rejection');
  process.exit(1);
});

let worker;
try {
  worker = await startWorker(config, { log, name: `${hostname()}-${process.pid}` });
} catch (e) {
  log.fatal({ err: e }, 'cannot start');
  process.exit(1);
}
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) {
    log.warn({ signal }, 'second signal: exiting now');
    process.exit(130);
  }
  stopping = true;
  log.info({ signal }, 'stopping: running jobs go back to the queue');
  worker.close().then(
    () => process.exit(0),
    (e) => {
      log.error({ err: e }, 'error while stopping');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
