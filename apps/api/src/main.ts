// The API process: `npx tsx apps/api/src/main.ts` (`npm start` at the root runs it with local defaults).
// Configuration comes from the environment (see .env.example at the repository root); problems are reported one per
// line, with exit code 2.
import { ConfigError, configFromEnv } from './config';
import { createLogger } from '@styleclip/studio';
import { startApiServer } from './server';
import { handleSignals } from './shutdown';

let config;
try {
  config = configFromEnv(process.env);
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(`styleclip-api: ${e.message}`);
  process.exit(2);
}
const log = createLogger(config.studio.logLevel, { service: 'styleclip-api' });
// A bug that escapes every handler: log it where the other logs go, then let the process die (the orchestrator
// restarts it; jobs resume from their checkpoints).
process.on('uncaughtException', (e) => {
  log.fatal({ err: e }, 'uncaught exception');
  process.exit(1);
});
process.on('unhandledRejection', (e) => {
  log.fatal({ err: e }, 'unhandled promise rejection');
  process.exit(1);
});
try {
  const server = await startApiServer(config, { logger: log });
  handleSignals(() => server.close(), log);
  server.warm.catch(() => undefined);
} catch (e) {
  log.fatal({ err: e }, 'cannot start');
  process.exit(1);
}
