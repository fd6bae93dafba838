// The browser's GraphQL client: typed operations over fetch to this app's `/api/graphql` proxy. Queries that
// meet an unreachable API wait and retry with backoff (the banner shows meanwhile); mutations never retry
// on their own, because repeating one is the user's call.
import { getApiKey } from './api-key';
import { authorizationHeader } from './authorization';
import { backoffDelay, sleep } from './backoff';
import { reportReachable, reportUnreachable } from './connectivity';
import { operationInfo, type Operation } from './document';
import { ApiError } from './errors';
import { postGraphQL } from './transport';

export const GRAPHQL_ENDPOINT = '/api/graphql';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Retry while the API is unreachable (default: queries yes, mutations no). */
  retry?: boolean;
  endpoint?: string;
  fetchImpl?: typeof fetch;
}

export async function request<TData, TVariables>(
  doc: Operation<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TData> {
  const retry = options.retry ?? operationInfo(doc).kind !== 'mutation';
  for (let attempt = 0; ; attempt++) {
    try {
      const data = await postGraphQL(doc, variables, {
        endpoint: options.endpoint ?? GRAPHQL_ENDPOINT,
        headers: authorizationHeader(getApiKey()),
        signal: options.signal,
        fetchImpl: options.fetchImpl,
      });
      reportReachable();
      return data;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'SERVICE_UNREACHABLE') reportUnreachable();
      else reportReachable();
      if (!retry || !error.retryable) throw error;
      await sleep(backoffDelay(attempt), options.signal);
    }
  }
}
