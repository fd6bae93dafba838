import type { Principal } from './auth';
import type { Logger } from '@styleclip/studio';
import type { Services } from './services';

/** What every resolver gets: the request's id, logger and caller, and the services. */
export interface ApiContext {
  requestId: string;
  log: Logger;
  principal: Principal;
  services: Services;
}
