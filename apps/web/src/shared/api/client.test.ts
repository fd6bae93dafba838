import { afterEach, describe, expect, it } from 'vitest';
import { getConnectivity, reportReachable } from './connectivity';
import { request } from './client';
import type { Operation } from './document';

// Operations as codegen generates them: their text, typed with their result and variables.
const HealthQuery = `query Health { health { version } }` as unknown as Operation<
  { health: { version: string } },
  Record<string, never>
>;
const GenerateImagesMutation = `mutation GenerateImages($input: GenerateImagesInput!) {
  generateImages(input: $input) { id }
}` as unknown as Operation<{ generateImages: { id: string }[] }, { input: { seeds: number[] } }>;

const ok = (data: unknown) =>
  new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
const unreachableBody = () =>
  new Response(JSON.stringify({ errors: [{ message: 'x', extensions: { code: 'SERVICE_UNREACHABLE' } }] }), {
    headers: { 'content-type': 'application/json' },
  });
const health = { status: 'ok', version: '1', modelSets: ['tiny'], storage: 'fs' };

describe('GraphQL client', () => {
  afterEach(() => reportReachable());

  it('retries queries while the API is unreachable and reports the outage and the recovery', async () => {
    const seen: boolean[] = [];
    let calls = 0;
    const fetchImpl = (async () => {
      calls++;
      seen.push(getConnectivity().reachable);
      if (calls === 1) throw new TypeError('fetch failed');
      if (calls === 2) return unreachableBody();
      return ok({ health });
    }) as typeof fetch;
    const data = await request(HealthQuery, {}, { fetchImpl });
    expect(data.health.version).toBe('1');
    expect(calls).toBe(3);
    expect(seen).toEqual([true, false, false]);
    expect(getConnectivity().reachable).toBe(true);
  });

  it('does not retry mutations', async () => {
    let calls = 0;
    const fetchImpl = (async () => {
      calls++;
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(
      request(GenerateImagesMutation, { input: { seeds: [1] } }, { fetchImpl }),
    ).rejects.toMatchObject({ code: 'SERVICE_UNREACHABLE' });
    expect(calls).toBe(1);
    expect(getConnectivity().reachable).toBe(false);
  });

  it('turns GraphQL errors into ApiErrors without retrying', async () => {
    let calls = 0;
    const fetchImpl = (async () => {
      calls++;
      return new Response(
        JSON.stringify({ data: null, errors: [{ message: 'nope', extensions: { code: 'NOT_FOUND' } }] }),
      );
    }) as typeof fetch;
    await expect(request(HealthQuery, {}, { fetchImpl })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(calls).toBe(1);
  });

  it('stops retrying when aborted', async () => {
    const controller = new AbortController();
    const fetchImpl = (async () => {
      setTimeout(() => controller.abort(new Error('left the page')), 10);
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(request(HealthQuery, {}, { fetchImpl, signal: controller.signal })).rejects.toThrow(
      'left the page',
    );
  });
});
