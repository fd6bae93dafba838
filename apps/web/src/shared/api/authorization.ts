// The API reads its key as `Authorization: Bearer <key>`. Plain code with no browser or server-only imports, so
// the browser client, uploads, server components and the `/api` proxy all build the header here.

/** The Authorization header for `key` (none without a key), as a headers record. */
export function authorizationHeader(key: string | undefined): Record<string, string> {
  return key ? { authorization: `Bearer ${key}` } : {};
}
