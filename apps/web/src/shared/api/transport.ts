// One GraphQL-over-HTTP round trip, shared by the browser client and the server-side fetch.
import { operationInfo, type Operation } from './document';
import { ApiError, fromGraphQLErrors, unreachable, type GraphQLErrorPayload } from './errors';

export interface TransportOptions {
  endpoint: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /** Passed to fetch on the server (`no-store` so pages always show current data). */
  cache?: RequestCache;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorPayload[];
}

const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

export async function postGraphQL<TData, TVariables>(
  doc: Operation<TData, TVariables>,
  variables: TVariables,
  options: TransportOptions,
): Promise<TData> {
  const doFetch = options.fetchImpl ?? fetch;
  const operation = operationInfo(doc);
  let response: Response;
  try {
    response = await doFetch(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: JSON.stringify({ query: operation.source, variables, operationName: operation.name }),
      signal: options.signal,
      ...(options.cache ? { cache: options.cache } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    throw unreachable(error instanceof Error ? error.message : String(error));
  }
  let body: GraphQLResponse<TData> | undefined;
  try {
    body = (await response.json()) as GraphQLResponse<TData>;
  } catch {
    body = undefined;
  }
  if (body?.errors?.length) throw fromGraphQLErrors(body.errors);
  if (UNREACHABLE_STATUSES.has(response.status)) throw unreachable(`HTTP ${response.status}`);
  if (!response.ok || !body || body.data == null) {
    throw new ApiError(
      response.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'UNKNOWN',
      'Something went wrong. Please try again.',
      `HTTP ${response.status} from ${operation.name}${body ? '' : ' (not JSON)'}`,
    );
  }
  return body.data;
}
