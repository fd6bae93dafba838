/** @styleclip/api: the GraphQL API server. Start it with `startApiServer(configFromEnv())`. */
export { startApiServer, type ApiServer, type StartOptions } from './server';
export { configFromEnv, ConfigError, API_ENV_VARS, MAX_UPLOAD_BYTES, type ApiConfig } from './config';
export { createLogger, type Logger } from './logger';
export { hashApiKey } from './auth';
