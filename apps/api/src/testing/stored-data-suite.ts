import { newId, type JobRecord } from '@styleclip/studio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../server';
import { EDIT_GLOBAL, EDIT_MAPPER, generate, PREVIEW_GLOBAL, upload } from './api-suite';
import { codeOf, type GqlClient } from './client';
import { clientOf, createTestEnv, type Backend, type TestEnv } from './env';
import { corruptPng, noisePng, pngBomb } from './fixtures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const text = (s: string) => new TextEncoder().encode(s);
/** A record cut short: what a crash mid-write or a hand edit leaves. */
const TRUNCATED = text('{"schemaVersion": 1, "oops"');

/**
 * Damaged and hostile data, over HTTP against a running server: records that no longer parse (lists skip them,
 * direct reads are RECORD_CORRUPT, resume goes on), blobs whose bytes no longer match their hash (BLOB_CORRUPT,
 * and restoring the file is enough), and uploads that are undecodable or too large in bytes or in pixels.
 */
export function storedDataSuite(backend: Backend): void {
  describe(`damaged records, blobs and uploads, ${backend} storage`, () => {
    let env: TestEnv;
    let server: ApiServer;
    let c: GqlClient;

    beforeAll(async () => {
      env = await createTestEnv(backend);
      server = await env.start('data');
      await server.warm;
      c = clientOf(server);
    });
    afterAll(async () => {
      await env?.dispose();
    });

    const raw = () => server.services.storage.raw;

    it('lists skip a damaged record and count it; image(id) and edit(id) of one are RECORD_CORRUPT', async () => {
      const [a, b, newest] = await generate(c, [901, 902, 903]);
      await raw().put(`records/image/${b!.id}.json`, TRUNCATED);
      const page = await c.ok<{
        images: { edges: { node: { id: string } }[]; skipped: number; pageInfo: { hasNextPage: boolean } };
      }>(`{ images(first: 2) { edges { node { id } } skipped pageInfo { hasNextPage } } }`);
      expect(page.images.edges.map((e) => e.node.id)).toEqual([newest!.id, a!.id]);
      expect(page.images.skipped).toBe(1);

      const one = await c.gql(`query($id: ID!) { image(id: $id) { id } }`, { id: b!.id });
      expect(codeOf(one)).toBe('RECORD_CORRUPT');
      expect(one.errors![0]!.message).toBe(
        `image "${b!.id}" cannot be read: its stored record is damaged (or was written by a newer release)`,
      );
      expect(one.errors![0]!.extensions).toMatchObject({ recordType: 'image', id: b!.id });
      expect(JSON.stringify(one)).not.toMatch(/records\/|JSON|schemaVersion/);

      // An image's edits: the damaged one is left out, the other listed; filters skip it too.
      const g = await c.ok<{ editGlobal: { id: string } }>(EDIT_GLOBAL, {
        id: a!.id,
        alphas: [1],
        target: 'a smiling face',
      });
      const m = await c.ok<{ editMapper: { id: string } }>(EDIT_MAPPER, { id: a!.id });
      await raw().put(`records/edit/${g.editGlobal.id}.json`, TRUNCATED);
      const edits = await c.ok<{
        image: { edits: { edges: { node: { id: string } }[]; skipped: number } };
      }>(`query($id: ID!) { image(id: $id) { edits { edges { node { id } } skipped } } }`, { id: a!.id });
      expect(edits.image.edits.edges.map((e) => e.node.id)).toEqual([m.editMapper.id]);
      expect(edits.image.edits.skipped).toBe(1);
      expect(codeOf(await c.gql(`query($id: ID!) { edit(id: $id) { id } }`, { id: g.editGlobal.id }))).toBe(
        'RECORD_CORRUPT',
      );
      const byMethod = await c.ok<{ images: { edges: unknown[]; skipped: number } }>(
        `{ images(filter: { method: GLOBAL }) { edges { node { id } } skipped } }`,
      );
      expect(byMethod.images.skipped).toBeGreaterThanOrEqual(1);
    });

    it('jobs: a damaged job record is skipped by the list, RECORD_CORRUPT by id, and does not stop resume', async () => {
      const damagedId = newId();
      await raw().put(`records/job/${damagedId}.json`, TRUNCATED);
      // An unfinished job a previous run left behind (on a model set that no longer exists: it fails at once).
      const now = new Date().toISOString();
      const left: JobRecord = {
        id: newId(),
        kind: 'PRECOMPUTE_DIRECTIONS',
        state: 'QUEUED',
        modelSetId: 'gone',
        params: { images: 4, samples: 200, layers: 'OFFICIAL', batch: 8, shardChannels: 64 },
        progress: 0,
        phase: 'queued',
        done: 0,
        total: 0,
        createdAt: now,
        attempts: 0,
      };
      await server.services.jobStore.put(left);
      const list = await c.ok<{
        jobs: { edges: { node: { id: string; state: string } }[]; skipped: number };
      }>(`{ jobs(first: 10) { edges { node { id state } } skipped } }`);
      expect(list.jobs.skipped).toBe(1);
      expect(list.jobs.edges.map((e) => e.node.id)).toContain(left.id);
      expect(codeOf(await c.gql(`query($id: ID!) { job(id: $id) { id } }`, { id: damagedId }))).toBe(
        'RECORD_CORRUPT',
      );

      // The next start resumes every readable unfinished job.
      const next = await env.start('data');
      const c2 = clientOf(next);
      let state = 'QUEUED';
      for (let i = 0; i < 200 && (state === 'QUEUED' || state === 'RUNNING'); i++) {
        await sleep(50);
        state = (
          await c2.ok<{ job: { state: string } }>(`query($id: ID!) { job(id: $id) { state } }`, {
            id: left.id,
          })
        ).job.state;
      }
      expect(state).toBe('FAILED');
      await next.close();
    });

    it('a damaged latent blob is BLOB_CORRUPT (not an internal error), never cached: restoring the file is enough', async () => {
      const [img] = await generate(c, [921]);
      const image = (await server.services.images.get(img!.id))!;
      const latent = (await server.services.images.getLatent(image.latentId!))!;
      const key = latent.npy.key;
      const good = (await raw().get(key))!;
      const bad = good.slice();
      for (let i = 0; i < 60; i++) bad[bad.length - 100 + i]! ^= 0x5a; // 60 bytes of the floats
      await raw().put(key, bad);

      const vars = { id: img!.id, alphas: [1], target: 'a smiling face' };
      for (const doc of [EDIT_GLOBAL, PREVIEW_GLOBAL]) {
        const r = await c.gql(doc, vars);
        expect(codeOf(r)).toBe('BLOB_CORRUPT');
        expect(r.errors![0]!.message).toMatch(/a stored file is damaged/);
        expect(JSON.stringify(r)).not.toMatch(/NaN|blobs\/|sha256/);
      }
      expect(codeOf(await c.gql(EDIT_MAPPER, { id: img!.id }))).toBe('BLOB_CORRUPT');
      if (backend === 'fs') {
        // The file route verifies too (S3 serves presigned URLs itself).
        const file = await fetch(`${server.url}/files/${key}`);
        expect(file.status).toBe(500);
        expect(((await file.json()) as { error: { code: string } }).error.code).toBe('BLOB_CORRUPT');
      }

      // Restored (from a backup, say): the same server edits it at once.
      await raw().put(key, good);
      const ok = await c.ok<{ editGlobal: { results: unknown[] } }>(EDIT_GLOBAL, vars);
      expect(ok.editGlobal.results).toHaveLength(1);
    });

    it('upload refusals: undecodable, too large in bytes and in pixels are distinct codes, worded by us; short bodies refused', async () => {
      const damaged = await upload(c, corruptPng());
      expect(codeOf(damaged.complete!)).toBe('IMAGE_UNDECODABLE');
      expect(damaged.complete!.errors![0]!.message).toBe(
        'the file cannot be decoded as a PNG image: it is damaged, truncated or not really one',
      );
      // A real PNG cut in half: its header is fine, its pixels are not (the case a client once took for "too large").
      const png = await noisePng(64, 48, 5);
      const truncated = await upload(c, png.subarray(0, Math.floor(png.length / 2)));
      expect(codeOf(truncated.complete!)).toBe('IMAGE_UNDECODABLE');
      expect(JSON.stringify(truncated.complete)).not.toMatch(/vips|spng|sharp|Input buffer/i);

      const bomb = await upload(c, pngBomb(50000, 50000));
      expect(codeOf(bomb.complete!)).toBe('IMAGE_TOO_MANY_PIXELS');
      expect(bomb.complete!.errors![0]!.message).toBe(
        'the image is 50000×50000 pixels; at most 4096×4096 pixels are accepted',
      );
      expect(bomb.complete!.errors![0]!.extensions).toMatchObject({ width: 50000, maxWidth: 4096 });
      const wide = await upload(c, await noisePng(5000, 2, 3));
      expect(codeOf(wide.complete!)).toBe('IMAGE_TOO_MANY_PIXELS');

      if (backend === 'fs') {
        // The upload endpoint (filesystem storage) refuses fewer bytes than the ticket declared, whether the
        // client says so (Content-Length) or the body just ends early; nothing is kept.
        const ticket = (
          await c.ok<{ createUpload: { uploadId: string; url: string } }>(
            `mutation { createUpload(input: { contentType: "image/png", size: ${png.length} }) { uploadId url } }`,
          )
        ).createUpload;
        const half = png.subarray(0, 100);
        const declared = await fetch(ticket.url, {
          method: 'PUT',
          headers: { 'content-type': 'image/png' },
          body: half,
        });
        expect(declared.status).toBe(400);
        expect(((await declared.json()) as { error: { message: string } }).error.message).toBe(
          `the body is 100 bytes; this upload was created for ${png.length} (send the whole file)`,
        );
        const streamed = await fetch(ticket.url, {
          method: 'PUT',
          headers: { 'content-type': 'image/png' },
          body: new ReadableStream({
            start(ctl) {
              ctl.enqueue(half);
              ctl.close();
            },
          }),
          duplex: 'half',
        } as RequestInit);
        expect(streamed.status).toBe(400);
        const nothing = await c.gql(`mutation($id: ID!) { completeUpload(uploadId: $id) { id } }`, {
          id: ticket.uploadId,
        });
        expect(nothing.errors![0]!.message).toMatch(/nothing was uploaded/);
        // The whole file still goes through.
        const whole = await fetch(ticket.url, {
          method: 'PUT',
          headers: { 'content-type': 'image/png' },
          body: png,
        });
        expect(whole.status).toBe(200);
      }

      const tooBig = await c.gql(
        `mutation { createUpload(input: { contentType: "image/png", size: 20971521 }) { uploadId } }`,
      );
      expect(codeOf(tooBig)).toBe('PAYLOAD_TOO_LARGE');
      expect(tooBig.errors![0]!.message).toMatch(/20971520 bytes/);
    });
  });
}
