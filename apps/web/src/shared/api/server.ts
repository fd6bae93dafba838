// Server-side GraphQL (server components): straight to the API at STYLECLIP_API_URL, read at request time,
// with image URLs rewritten to go through this app's `/api` proxy.
import type { Operation } from './document';
import { postGraphQL } from './transport';
import { authorizationHeader } from './authorization';
import { apiBaseUrl, rewriteApiUrls } from './urls';

export async function serverRequest<TData, TVariables>(
  doc: Operation<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const base = apiBaseUrl();
  const data = await postGraphQL(doc, variables, {
    endpoint: `${base}/graphql`,
    headers: authorizationHeader(process.env.STYLECLIP_API_KEY),
    cache: 'no-store',
    signal: AbortSignal.timeout(15_000),
  });
  return rewriteApiUrls(data, base);
}

/** Like serverRequest, but resolves to null when the API cannot answer (the page then loads in the browser). */
export async function tryServerRequest<TData, TVariables>(
  doc: Operation<TData, TVariables>,
  variables: TVariables,
): Promise<TData | null> {
  try {
    return await serverRequest(doc, variables);
  } catch {
    return null;
  }
}
