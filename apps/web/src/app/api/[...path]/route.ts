// The browser's only way to the API: `/api/<path>` is forwarded to `${STYLECLIP_API_URL}/<path>` (GraphQL,
// images, upload endpoint). The API's address is read at request time, so one build serves any deployment,
// and the browser never needs CORS. A server-side STYLECLIP_API_KEY is added when the browser sent none.
import { authorizationHeader } from '../../../shared/api/authorization';
import { apiBaseUrl, rewriteApiUrls } from '../../../shared/api/urls';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const REQUEST_HEADERS = [
  'accept',
  'authorization',
  'content-length',
  'content-type',
  'if-none-match',
  'if-modified-since',
  'range',
  'x-request-id',
];
const RESPONSE_HEADERS = [
  'accept-ranges',
  'cache-control',
  'content-disposition',
  'content-length',
  'content-range',
  'content-type',
  'etag',
  'last-modified',
  'retry-after',
  'x-request-id',
];
const UNREACHABLE = 'The editing service is not reachable.';

interface Context {
  params: Promise<{ path: string[] }>;
}

async function forward(request: Request, context: Context): Promise<Response> {
  const { path } = await context.params;
  const base = apiBaseUrl();
  const search = new URL(request.url).search;
  const target = `${base}/${path.map(encodeURIComponent).join('/')}${search}`;
  const isGraphQL = path.length === 1 && path[0] === 'graphql';

  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (!headers.has('authorization')) {
    for (const [name, value] of Object.entries(authorizationHeader(process.env.STYLECLIP_API_KEY)))
      headers.set(name, value);
  }
  const forwardedFor = request.headers.get('x-forwarded-for');
  if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      // Required by Node's fetch to stream a request body (uploads).
      ...(hasBody ? { duplex: 'half' } : {}),
      redirect: 'manual',
      cache: 'no-store',
      signal: request.signal,
    } as RequestInit);
  } catch {
    return isGraphQL
      ? Response.json(
          { errors: [{ message: UNREACHABLE, extensions: { code: 'SERVICE_UNREACHABLE' } }] },
          { headers: { 'cache-control': 'no-store' } },
        )
      : new Response(UNREACHABLE, { status: 502, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }

  if (isGraphQL) return graphqlResponse(upstream, base);

  const out = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) out.set(name, value);
  }
  // fetch has already decoded a compressed body, so its length no longer applies.
  if (upstream.headers.get('content-encoding')) out.delete('content-length');
  return new Response(request.method === 'HEAD' ? null : upstream.body, {
    status: upstream.status,
    headers: out,
  });
}

/**
 * GraphQL answers carry their errors in the body (each with `extensions.code`), so they go to the browser as
 * 200 whatever the API's status was (the status is kept in `x-upstream-status`); URLs are made proxy-relative.
 */
async function graphqlResponse(upstream: Response, base: string): Promise<Response> {
  const text = await upstream.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const isGraphQLBody = !!body && typeof body === 'object' && ('data' in body || 'errors' in body);
  if (!isGraphQLBody) {
    const code =
      upstream.status >= 502 && upstream.status <= 504 ? 'SERVICE_UNREACHABLE' : 'INTERNAL_SERVER_ERROR';
    return Response.json(
      {
        errors: [
          { message: `Unexpected response from the API (HTTP ${upstream.status}).`, extensions: { code } },
        ],
      },
      { headers: { 'x-upstream-status': String(upstream.status), 'cache-control': 'no-store' } },
    );
  }
  const headers: Record<string, string> = {
    'x-upstream-status': String(upstream.status),
    'cache-control': 'no-store',
  };
  const retryAfter = upstream.headers.get('retry-after');
  if (retryAfter) headers['retry-after'] = retryAfter;
  return Response.json(rewriteApiUrls(body, base), { headers });
}

export { forward as GET, forward as POST, forward as PUT, forward as HEAD };
