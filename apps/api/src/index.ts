/** @styleclip/api: the GraphQL API server. Start it with `startApiServer(configFromEnv())`. */
export { startApiServer, type ApiServer, type StartOptions } from './server';
export { configFromEnv, ConfigError, API_ENV_VARS, type ApiConfig } from './config';
export { hashApiKey } from './auth';
