import type { Studio } from '@styleclip/studio';

/** What resolvers and REST handlers use: the product core, plus what only the API server knows. */
export type Services = Studio & {
  /** Base URL of the web app (share links). */
  webUrl: () => string;
  version: string;
};
