import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { modelsDirWithTiny } from '@styleclip/studio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashApiKey } from '../auth';
import type { ApiServer } from '../server';
import { allKeys, generate, PREVIEW_GLOBAL } from './api-suite';
import { codeOf, GqlClient } from './client';
import { clientOf, createTestEnv, TEST_API_KEY, type Backend, type TestEnv } from './env';

const OTHER_KEY = 'other-key-9876543210';
const ADMIN_KEY = 'admin-key-5555555555';
const SIXTEEN = Array.from({ length: 16 }, (_, i) => i / 4 - 2);

/** One document calling `field` n times under aliases a0…a(n-1), each with the same arguments. */
const aliased = (kind: 'query' | 'mutation', n: number, call: string, select: string) =>
  `${kind} { ${Array.from({ length: n }, (_, i) => `a${i}: ${call} { ${select} }`).join(' ')} }`;

const previews = (imageId: string, n: number, alphas = SIXTEEN) =>
  aliased(
    'query',
    n,
    `previewGlobalEdit(input: { imageId: "${imageId}", neutral: "a face", target: "a smiling face", alphas: [${alphas.join(', ')}] })`,
    'channels',
  );

const generations = (n: number, seeds = 16) =>
  aliased(
    'mutation',
    n,
    `generateImages(input: { seeds: [${Array.from({ length: seeds }, (_, i) => 5000 + i).join(', ')}] })`,
    'id',
  );

/** A POST to /graphql with raw headers and body (for what a client library would not send). */
async function post(server: ApiServer, body: string, headers: Record<string, string>) {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/**
 * Access and work limits over HTTP: the work budget of whole operations (aliases, list sizes; per-request caps,
 * per-key and anonymous buckets), throttled authentication per client address (and which address that is behind
 * a proxy), request ids on every error, schema hints only with introspection, and job ownership.
 */
export function accessSuite(backend: Backend): void {
  describe(`access and work limits, ${backend} storage`, () => {
    let env: TestEnv;
    let server: ApiServer;
    let c: GqlClient;
    let imageId: string;

    beforeAll(async () => {
      env = await createTestEnv(backend);
      server = await env.start('access');
      await server.warm;
      c = clientOf(server);
      imageId = (await generate(c, [77]))[0]!.id;
    });
    afterAll(async () => {
      await env?.dispose();
    });

    it('refuses 50 aliased previews × 16 α before rendering any (the work of the whole operation counts)', async () => {
      const before = await allKeys(server);
      const t0 = performance.now();
      const r = await c.gql(previews(imageId, 50));
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(r.status).toBe(400);
      expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
      expect(r.errors![0]!.message).toBe(
        'this request asks for 800 units of work (images rendered): 50 × previewGlobalEdit (800); ' +
          'the limit is 64 per request (send fewer aliases or fewer list items)',
      );
      expect(r.errors![0]!.extensions).toMatchObject({ limit: 'workPerRequest', units: 800, max: 64 });
      expect(r.data ?? null).toBeNull();
      // Through a fragment and with variables, the same count.
      const viaFragment = await c.gql(
        `query($a: [Float!]!) { ...P } fragment P on Query { ${Array.from(
          { length: 5 },
          (_, i) =>
            `p${i}: previewGlobalEdit(input: { imageId: "${imageId}", neutral: "a face", target: "x", alphas: $a }) { channels }`,
        ).join(' ')} }`,
        { a: SIXTEEN },
      );
      expect(viaFragment.errors![0]!.extensions).toMatchObject({ limit: 'workPerRequest', units: 80 });
      // Within the cap it runs (4 × 16 = 64).
      const ok = await c.gql<Record<string, { channels: number }>>(previews(imageId, 4));
      expect(ok.errors).toBeUndefined();
      expect(Object.keys(ok.data!)).toHaveLength(4);
      expect(await allKeys(server)).toEqual(before);
    });

    it('refuses 50 aliased generateImages × 16 seeds, and caps the images one request stores', async () => {
      const before = await allKeys(server);
      const r = await c.gql(generations(50));
      expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
      expect(r.errors![0]!.extensions).toMatchObject({ limit: 'workPerRequest', units: 800 });
      // 2 × 16 seeds is little work but stores 32 images: over the 16 per request.
      const stored = await c.gql(generations(2));
      expect(codeOf(stored)).toBe('QUERY_TOO_COMPLEX');
      expect(stored.errors![0]!.message).toBe(
        'this request would store 32 images: 2 × generateImages (32); the limit is 16 per request',
      );
      expect(stored.errors![0]!.extensions).toMatchObject({ limit: 'storedImagesPerRequest', max: 16 });
      expect(await allKeys(server)).toEqual(before);
    });

    it('charges work to a budget per API key (429 with Retry-After when spent; other keys unaffected)', async () => {
      const limited = await env.start('access-budget', {
        STYLECLIP_API_KEY_SHA256: `tests:${hashApiKey(TEST_API_KEY)},other:${hashApiKey(OTHER_KEY)}`,
        STYLECLIP_WORK_PER_MINUTE: '1',
        STYLECLIP_WORK_BURST: '64',
      });
      const k = clientOf(limited);
      const [img] = await generate(k, [78]); // 1 unit
      expect(codeOf(await k.gql(previews(img!.id, 3)))).toBeUndefined(); // 48 more: 49 of 64
      const spent = await k.gql(previews(img!.id, 1)); // 16 > 15 left
      expect(spent.status).toBe(429);
      expect(codeOf(spent)).toBe('RATE_LIMITED');
      expect(spent.errors![0]!.extensions).toMatchObject({ limit: 'workPerMinute', units: 16 });
      expect(spent.errors![0]!.message).toMatch(/refills at 1 per minute, up to 64\); retry in \d+ s$/);
      expect(Number(spent.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Reads cost no work; another key has its own budget.
      expect(codeOf(await k.gql(`{ images(first: 1) { edges { node { id } } } }`))).toBeUndefined();
      expect(codeOf(await k.withKey(OTHER_KEY).gql(previews(img!.id, 1)))).toBeUndefined();
      await limited.close();
    });

    it('previews need a key when keys are configured (HTTP and WebSocket); without keys, a small budget per address', async () => {
      const anon = c.withKey(null);
      const r = await anon.gql(PREVIEW_GLOBAL, { id: imageId, alphas: [1], target: 'a smiling face' });
      expect(r.status).toBe(401);
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
      expect(r.errors![0]!.extensions).toMatchObject({ limit: 'anonymousWork' });
      // Over WebSocket (queries are allowed there) the same rule holds.
      const ws = createClient({
        url: `${server.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      });
      const wsError = await new Promise<unknown>((resolve) => {
        ws.subscribe(
          { query: previews(imageId, 1, [1]) },
          { next: (m) => resolve(m.errors), error: resolve, complete: () => resolve(undefined) },
        );
      });
      await ws.dispose();
      expect(JSON.stringify(wsError)).toMatch(/UNAUTHENTICATED/);

      const open = await env.start('access-open', {
        STYLECLIP_API_KEY_SHA256: '',
        STYLECLIP_ANON_WORK_PER_MINUTE: '1',
        STYLECLIP_ANON_WORK_BURST: '64',
      });
      const o = new GqlClient(open.url);
      const [img] = await generate(o, [79]);
      expect(codeOf(await o.gql(previews(img!.id, 3)))).toBeUndefined();
      const spent = await o.gql(previews(img!.id, 1));
      expect(codeOf(spent)).toBe('RATE_LIMITED');
      expect(spent.errors![0]!.extensions).toMatchObject({ limit: 'anonymousWorkPerMinute' });
      await open.close();
    });

    it('throttles failed authentication per client address: 429 after a burst, for right keys too', async () => {
      const guarded = await env.start('access-auth', {
        STYLECLIP_AUTH_FAILURES_PER_MINUTE: '6',
        STYLECLIP_AUTH_FAILURE_BURST: '5',
      });
      const wrong = (i: number, xff?: string) =>
        new GqlClient(guarded.url, `guess-${i}`).gql(
          `{ health { status } }`,
          undefined,
          xff ? { 'x-forwarded-for': xff } : {},
        );
      const first = await Promise.all([0, 1, 2, 3, 4].map((i) => wrong(i)));
      expect(first.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
      const throttled = await wrong(5);
      expect(throttled.status).toBe(429);
      expect(codeOf(throttled)).toBe('RATE_LIMITED');
      expect(throttled.errors![0]!.extensions).toMatchObject({ limit: 'authFailuresPerMinute' });
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // A right key from the same address waits too (a right guess looks like a wrong one); no key is fine.
      expect((await clientOf(guarded).gql(`{ health { status } }`)).status).toBe(429);
      expect((await clientOf(guarded, null).gql(`{ health { status } }`)).status).toBe(200);
      // Without a trusted proxy, X-Forwarded-For is ignored: a new "address" per request does not help.
      expect((await wrong(6, '203.0.113.9')).status).toBe(429);
      await guarded.close();
    });

    it('behind a trusted proxy, the client address is the LAST X-Forwarded-For hop (the one the proxy appended)', async () => {
      const proxied = await env.start('access-proxy', {
        STYLECLIP_TRUST_PROXY: 'true',
        STYLECLIP_AUTH_FAILURES_PER_MINUTE: '6',
        STYLECLIP_AUTH_FAILURE_BURST: '3',
      });
      const as = (xff: string, key = 'a-wrong-key') =>
        new GqlClient(proxied.url, key).gql(`{ health { status } }`, undefined, { 'x-forwarded-for': xff });
      // The client sends its own first hops; the proxy appends 198.51.100.7, the address it saw.
      for (let i = 0; i < 3; i++) expect((await as(`10.0.0.${i}, 198.51.100.7`)).status).toBe(401);
      expect((await as('10.9.9.9, 198.51.100.7')).status).toBe(429);
      expect((await as('198.51.100.7')).status).toBe(429);
      // Another client (another appended hop), even claiming the throttled address first, is not throttled.
      expect((await as('198.51.100.7, 198.51.100.8', TEST_API_KEY)).status).toBe(200);
      await proxied.close();
    });

    it('every error carries a request id, also those answered before any plugin (CSRF, batching, no body)', async () => {
      const rid = { 'x-request-id': 'req-early-1' };
      const csrf = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ health { status } }')}`, {
        headers: rid,
      });
      expect(csrf.status).toBe(400);
      const csrfBody = (await csrf.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(csrfBody.errors[0]!.extensions).toMatchObject({ code: 'BAD_REQUEST', requestId: 'req-early-1' });
      const json = { 'content-type': 'application/json', ...rid };
      const batch = await post(server, JSON.stringify([{ query: '{ health { status } }' }]), json);
      expect(batch.status).toBe(400);
      expect(batch.body).toMatchObject({ errors: [{ extensions: { requestId: 'req-early-1' } }] });
      const empty = await post(server, '', json);
      expect(empty.status).toBe(400);
      expect(empty.body).toMatchObject({ errors: [{ extensions: { requestId: 'req-early-1' } }] });
      // Without a request id of the caller's, the generated one (the response header) is in the body.
      const generated = await post(server, '', { 'content-type': 'application/json' });
      const id = generated.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(generated.body).toMatchObject({ errors: [{ extensions: { requestId: id } }] });
    });

    it('gives no "Did you mean" hints when introspection is off (HTTP and WebSocket)', async () => {
      const typo = `{ imagez { edges { node { id } } } }`;
      expect((await c.gql(typo)).errors![0]!.message).toMatch(/Did you mean "image" or "images"\?/);
      const closed = await env.start('access-closed', { STYLECLIP_INTROSPECTION: 'false' });
      const r = await clientOf(closed).gql(typo);
      expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.errors![0]!.message).toBe('Cannot query field "imagez" on type "Query".');
      const ws = createClient({
        url: `${closed.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      });
      const wsError = await new Promise<unknown>((resolve) => {
        ws.subscribe(
          { query: typo },
          { next: (m) => resolve(m.errors), error: resolve, complete: () => resolve(undefined) },
        );
      });
      await ws.dispose();
      expect(JSON.stringify(wsError)).toMatch(/Cannot query field/);
      expect(JSON.stringify(wsError)).not.toMatch(/Did you mean/);
      await closed.close();
    });

    it('a job can be cancelled only by the key that started it, or an admin key', async () => {
      // A copy of the tiny set: a precompute writes into it.
      const models = await modelsDirWithTiny(await mkdtemp(join(env.root, 'owned-')), 'copy');
      const owned = await env.start('access-jobs', {
        STYLECLIP_MODELS_DIR: models,
        STYLECLIP_API_KEY_SHA256: [
          `tests:${hashApiKey(TEST_API_KEY)}`,
          `other:${hashApiKey(OTHER_KEY)}`,
          `boss:${hashApiKey(ADMIN_KEY)}`,
        ].join(','),
        STYLECLIP_ADMIN_KEYS: 'boss',
      });
      const submit = async (cl: GqlClient) =>
        (
          await cl.ok<{ precomputeDirections: { id: string } }>(
            `mutation { precomputeDirections(input: { images: 4, samples: 200 }) { id } }`,
          )
        ).precomputeDirections.id;
      const cancel = (cl: GqlClient, id: string) =>
        cl.gql<{ cancelJob: { state: string } }>(`mutation($id: ID!) { cancelJob(id: $id) { state } }`, {
          id,
        });
      const mine = clientOf(owned);
      const first = await submit(mine);
      const refused = await cancel(mine.withKey(OTHER_KEY), first);
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0]!.message).toBe(
        `job ${first} was started by another API key; only the key that started it or an admin key (STYLECLIP_ADMIN_KEYS) can cancel it`,
      );
      expect((await cancel(mine, first)).data!.cancelJob.state).toBe('CANCELLED');
      const second = await submit(mine);
      expect((await cancel(mine.withKey(ADMIN_KEY), second)).data!.cancelJob.state).toBe('CANCELLED');
      await owned.close();
    });
  });
}
