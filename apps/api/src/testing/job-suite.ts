import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiServer } from '../server';
import { codeOf, type GqlClient } from './client';
import { readFile } from 'node:fs/promises';
import { clientOf, FailingWrite, type TestEnv } from './env';
import { modelsDirWithTiny } from '@styleclip/studio/testing';

const PRECOMPUTE = `mutation($set: ID) {
  precomputeDirections(input: { modelSetId: $set, images: 4, samples: 200, layers: OFFICIAL }) { id state kind modelSetId }
}`;
const JOB = `query($id: ID!) { job(id: $id) { id state phase done total progress etaSeconds error { code message } result updatedAt } }`;

interface Job {
  id: string;
  state: string;
  phase: string | null;
  done: number;
  total: number;
  progress: number;
  result: { rows: number; attempts: number } | null;
  error: { code: string; message: string } | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll(c: GqlClient, id: string, until: (j: Job) => boolean, timeoutMs = 45_000): Promise<Job> {
  const t0 = performance.now();
  for (;;) {
    const j = (await c.ok<{ job: Job }>(JOB, { id })).job;
    if (until(j)) return j;
    if (j.state === 'FAILED') throw new Error(`job failed: ${JSON.stringify(j.error)}`);
    if (performance.now() - t0 > timeoutMs)
      throw new Error(`job ${id} did not get there in time: ${JSON.stringify(j)}`);
    await sleep(50);
  }
}

/**
 * Jobs (directions precompute on a copy of the tiny set): survive a restart, report progress over graphql-ws
 * and polling, cancel, one at a time per model set. Also: a request in flight when the server stops completes.
 */
export function jobSuite(getEnv: () => TestEnv): void {
  describe('jobs', () => {
    it('a precompute job survives a server restart and completes (resumed from its saved chunks)', async () => {
      const env = getEnv();
      const models = await modelsDirWithTiny(await mkdtemp(join(env.root, 'jobs-')), 'copy');
      const extra = { STYLECLIP_MODELS_DIR: models };
      let server: ApiServer = await env.start('jobs', extra);
      let c = clientOf(server);
      const job = (
        await c.ok<{ precomputeDirections: { id: string; state: string; kind: string; modelSetId: string } }>(
          PRECOMPUTE,
        )
      ).precomputeDirections;
      expect(job).toMatchObject({ kind: 'PRECOMPUTE_DIRECTIONS', modelSetId: 'tiny' });
      expect(['QUEUED', 'RUNNING']).toContain(job.state);
      // One precompute per model set at a time.
      expect(codeOf(await c.gql(PRECOMPUTE))).toBe('JOB_LIMIT_REACHED');
      const mid = await poll(c, job.id, (j) => j.phase === 'fs3' && j.done > 0);
      expect(mid.state).toBe('RUNNING');
      expect(mid.total).toBe(240);
      expect(mid.done).toBeLessThan(240);

      // A request in flight when the server is told to stop still completes.
      const inFlight = c.gql(`mutation { generateImages(input: { seeds: [7] }) { id } }`);
      while (server.inFlight === 0) await sleep(1);
      await server.close();
      expect((await inFlight).status).toBe(200);

      // The job was checkpointed: back in the queue, marked interrupted.
      server = await env.start('jobs', extra);
      c = clientOf(server);
      const done = await poll(c, job.id, (j) => j.state === 'SUCCEEDED');
      expect(done.progress).toBe(1);
      expect(done.result).toMatchObject({ rows: 240, attempts: 2 });
      const set = await c.ok<{
        modelSet: { hasDirections: boolean; directions: { rows: number; images: number } };
      }>(`{ modelSet(id: "tiny") { hasDirections directions { rows images } } }`);
      expect(set.modelSet).toEqual({ hasDirections: true, directions: { rows: 240, images: 4 } });
      const listed = await c.ok<{ jobs: { edges: { node: { id: string; state: string } }[] } }>(
        `{ jobs(first: 5) { edges { node { id state } } } }`,
      );
      expect(listed.jobs.edges[0]!.node).toEqual({ id: job.id, state: 'SUCCEEDED' });
      // The reloaded engine edits with the new table.
      const [img] = (
        await c.ok<{ generateImages: { id: string }[] }>(
          `mutation { generateImages(input: { seeds: [3] }) { id } }`,
        )
      ).generateImages;
      const edit = await c.ok<{ editGlobal: { channels: number } }>(
        `mutation($id: ID!) { editGlobal(input: { imageId: $id, neutral: "a face", target: "a happy face", alphas: [1] }) { channels } }`,
        { id: img!.id },
      );
      expect(edit.editGlobal.channels).toBeGreaterThan(0);

      // Progress over graphql-ws until cancelled.
      const second = (await c.ok<{ precomputeDirections: { id: string } }>(PRECOMPUTE)).precomputeDirections;
      const ws = createClient({
        url: `${server.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      });
      const events: { state: string; phase: string | null; done: number }[] = [];
      let cancelled = false;
      await new Promise<void>((resolve, reject) => {
        ws.subscribe<{ jobUpdated: { state: string; phase: string | null; done: number } }>(
          {
            query: `subscription($id: ID!) { jobUpdated(id: $id) { id state phase done total progress } }`,
            variables: { id: second.id },
          },
          {
            next: (m) => {
              if (m.errors) return reject(new Error(JSON.stringify(m.errors)));
              const e = m.data!.jobUpdated;
              events.push(e);
              if (!cancelled && e.phase === 'fs3' && e.done > 0) {
                cancelled = true;
                c.ok(`mutation($id: ID!) { cancelJob(id: $id) { state } }`, { id: second.id }).catch(reject);
              }
            },
            error: reject,
            complete: resolve,
          },
        );
      });
      await ws.dispose();
      expect(events.length).toBeGreaterThan(2);
      expect(events.some((e) => e.state === 'RUNNING' && e.phase === 'fs3')).toBe(true);
      expect(events.at(-1)!.state).toBe('CANCELLED');
      expect((await poll(c, second.id, () => true)).state).toBe('CANCELLED');
      // Mutations are refused over WebSocket (API keys apply over HTTP).
      const ws2 = createClient({
        url: `${server.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      });
      const wsMutation = await new Promise<unknown>((resolve) => {
        ws2.subscribe(
          { query: `mutation { generateImages(input: { seeds: [1] }) { id } }` },
          { next: () => undefined, error: resolve, complete: () => resolve(undefined) },
        );
      });
      await ws2.dispose();
      expect(JSON.stringify(wsMutation)).toMatch(/mutations go over HTTP/);
      await server.close();
    });

    it('a recompute that is cancelled or fails leaves the previous table in place and in use, also after a restart', async () => {
      const env = getEnv();
      const models = await modelsDirWithTiny(await mkdtemp(join(env.root, 'keep-')), 'copy');
      const publishing = new FailingWrite(/^records\/directions\//);
      const extra = { STYLECLIP_MODELS_DIR: models };
      const manifest = async () =>
        JSON.parse(await readFile(join(models, 'tiny', 'manifest.json'), 'utf8')) as {
          directions: { fs3: { path: string; sha256: string }; fs3Images: number };
        };
      let server = await env.start('keep', extra, { wrap: publishing.wrap });
      let c = clientOf(server);
      const [img] = (
        await c.ok<{ generateImages: { id: string }[] }>(
          `mutation { generateImages(input: { seeds: [5] }) { id } }`,
        )
      ).generateImages;
      /** What editing with the table in use gives (the table's fingerprint, as users see it). */
      const edited = async (cl: GqlClient) =>
        (
          await cl.ok<{ previewGlobalEdit: { channels: number; images: { dataUrl: string }[] } }>(
            `query($id: ID!) { previewGlobalEdit(input: { imageId: $id, neutral: "a face", target: "a face with glasses", alphas: [3] }) { channels images { dataUrl } } }`,
            { id: img!.id },
          )
        ).previewGlobalEdit;
      const directions = async (cl: GqlClient) =>
        (
          await cl.ok<{ modelSet: unknown }>(
            `{ modelSet(id: "tiny") { hasDirections directions { rows images } } }`,
          )
        ).modelSet;
      const before = {
        manifest: (await manifest()).directions,
        set: await directions(c),
        edit: await edited(c),
      };
      expect(before.set).toMatchObject({ hasDirections: true });
      const recompute = `mutation { precomputeDirections(input: { images: 1, samples: 100 }) { id } }`;
      const unchanged = async (cl: GqlClient) => {
        expect((await manifest()).directions).toEqual(before.manifest);
        expect(await directions(cl)).toEqual(before.set);
        expect(await edited(cl)).toEqual(before.edit);
      };

      // Cancelled in the middle of fs3.
      const cancelled = (await c.ok<{ precomputeDirections: { id: string } }>(recompute))
        .precomputeDirections;
      await poll(c, cancelled.id, (j) => j.phase === 'fs3' && j.done > 0);
      await c.ok(`mutation($id: ID!) { cancelJob(id: $id) { state } }`, { id: cancelled.id });
      expect((await poll(c, cancelled.id, (j) => j.state === 'CANCELLED')).state).toBe('CANCELLED');
      await unchanged(c);

      // Failed at the last step (storage down while publishing the new table).
      publishing.arm();
      const failed = (await c.ok<{ precomputeDirections: { id: string } }>(recompute)).precomputeDirections;
      let job: Job | undefined;
      for (let i = 0; i < 900 && job?.state !== 'FAILED'; i++) {
        await sleep(50);
        job = (await c.ok<{ job: Job }>(JOB, { id: failed.id })).job;
        expect(job.state).not.toBe('SUCCEEDED');
      }
      expect(job!.error).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
      await unchanged(c);

      // And after a restart (which installs published directions when they differ).
      await server.close();
      server = await env.start('keep', extra);
      c = clientOf(server);
      await unchanged(c);
      await server.close();
    });
  });
}
