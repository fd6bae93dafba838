// The browser reaches the API only through this app's `/api/*` proxy. The API returns URLs on its own origin
// (or relative to it) for images, latents and uploads; these are rewritten to `/api/<path>`. Other URLs
// (presigned S3 URLs) are left as they are.

export const PROXY_PREFIX = '/api';

/** The API's base URL from STYLECLIP_API_URL (server only), without a trailing slash. */
export function apiBaseUrl(env: Record<string, string | undefined> = process.env): string {
  return (env.STYLECLIP_API_URL || 'http://127.0.0.1:4000').replace(/\/+$/, '');
}

/** One URL as the browser should load it. */
export function toProxyUrl(url: string, apiBase: string): string {
  if (url.startsWith(PROXY_PREFIX + '/')) return url;
  if (url.startsWith('/') && !url.startsWith('//')) return PROXY_PREFIX + url;
  let parsed: URL;
  let base: URL;
  try {
    parsed = new URL(url);
    base = new URL(apiBase);
  } catch {
    return url;
  }
  if (parsed.origin !== base.origin) return url;
  const basePath = base.pathname.replace(/\/+$/, '');
  const path =
    basePath && parsed.pathname.startsWith(basePath + '/')
      ? parsed.pathname.slice(basePath.length)
      : parsed.pathname;
  return PROXY_PREFIX + path + parsed.search;
}

/** Rewrites every `url` string field (at any depth) of a GraphQL result. */
export function rewriteApiUrls<T>(value: T, apiBase: string): T {
  if (Array.isArray(value)) return value.map((v: unknown) => rewriteApiUrls(v, apiBase)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === 'url' && typeof v === 'string' ? toProxyUrl(v, apiBase) : rewriteApiUrls(v, apiBase);
    }
    return out as T;
  }
  return value;
}
