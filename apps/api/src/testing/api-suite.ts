import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../server';
import { codeOf, type GqlClient } from './client';
import { clientOf, createTestEnv, Outage, TEST_API_KEY, type Backend, type TestEnv } from './env';
import { corruptPng, gif, noisePng, pngBomb } from './fixtures';
import { jobSuite } from './job-suite';
import { trainingSuite } from './training-suite';
import { settledPhoto } from './photos';

export const GENERATE = `mutation($seeds: [Int!]!) {
  generateImages(input: { seeds: $seeds, truncation: 0.7 }) {
    id source url width height seed truncation modelSetId createdAt
    latent { id space shape url }
  }
}`;

export const EDIT_GLOBAL = `mutation($id: ID!, $alphas: [Float!]!, $target: String!) {
  editGlobal(input: { imageId: $id, neutral: "a face", target: $target, alphas: $alphas, beta: 0.1 }) {
    id method channels beta alphas neutral target shareUrl
    image { id }
    topChannels { layer channel weight }
    results { alpha image { id source url parentEdit { id } latent { id space shape url } } }
  }
}`;

export const PREVIEW_GLOBAL = `query($id: ID!, $alphas: [Float!]!, $target: String!, $resolution: Int) {
  previewGlobalEdit(
    input: { imageId: $id, neutral: "a face", target: $target, alphas: $alphas, beta: 0.1 }
    resolution: $resolution
  ) {
    channels beta autoBeta
    topChannels { layer channel weight }
    images { alpha width height dataUrl }
  }
}`;

export const PREVIEW_MAPPER = `query($id: ID!, $mapper: String = "demo", $strength: Float, $resolution: Int) {
  previewMapperEdit(input: { imageId: $id, mapper: $mapper, strength: $strength }, resolution: $resolution) {
    strength
    images { alpha width height dataUrl }
  }
}`;

interface MapperPreview {
  strength: number;
  images: EditPreview['images'];
}

interface EditPreview {
  channels: number;
  beta: number;
  autoBeta: boolean;
  topChannels: unknown[];
  images: { alpha: number; width: number; height: number; dataUrl: string }[];
}

export const EDIT_MAPPER = `mutation($id: ID!, $strength: Float) {
  editMapper(input: { imageId: $id, mapper: "demo", strength: $strength }) {
    id method mapper strength
    results { alpha image { id source url latent { space shape } } }
  }
}`;

export const GALLERY = `query($first: Int, $after: String, $filter: ImageFilter) {
  images(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id source } }
    pageInfo { endCursor hasNextPage }
  }
}`;

export const EDITS_OF = `query($id: ID!) { image(id: $id) { id edits(first: 50) { edges { node { id method results { image { id } } } } } } }`;

export interface GeneratedImage {
  id: string;
  url: string;
  width: number;
  height: number;
  latent: { id: string; space: string; shape: number[]; url: string };
}

export async function generate(c: GqlClient, seeds: number[]): Promise<GeneratedImage[]> {
  return (await c.ok<{ generateImages: GeneratedImage[] }>(GENERATE, { seeds })).generateImages;
}

export async function galleryIds(c: GqlClient, filter?: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const d: {
      images: {
        edges: { node: { id: string } }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    } = await c.ok(GALLERY, {
      first: 100,
      after,
      ...(filter ? { filter } : {}),
    });
    ids.push(...d.images.edges.map((e) => e.node.id));
    if (!d.images.pageInfo.hasNextPage) return ids;
    after = d.images.pageInfo.endCursor;
  }
}

/** Every key in storage (to check that a request wrote nothing). */
export async function allKeys(server: ApiServer): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await server.services.storage.raw.list('', { limit: 1000, ...(cursor ? { cursor } : {}) });
    keys.push(...page.keys);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return keys;
}

const PNG_DATA_URL = 'data:image/png;base64,';

/** Everything a request could have stored: every key, the gallery lists, and the edits of one image. */
async function storedState(server: ApiServer, c: GqlClient, imageId: string, method: 'GLOBAL' | 'MAPPER') {
  return {
    keys: (await allKeys(server)).sort(),
    gallery: await galleryIds(c),
    edited: await galleryIds(c, { source: 'EDITED' }),
    byMethod: await galleryIds(c, { method }),
    edits: (await c.ok<{ image: { edits: { edges: unknown[] } } }>(EDITS_OF, { id: imageId })).image.edits
      .edges,
  };
}

/** Runs `fn` with every storage write failing, so a request that wrote anything would fail. */
async function withoutWrites<T>(o: Outage, fn: () => Promise<T>): Promise<T> {
  o.armOnNextPut();
  try {
    return await fn();
  } finally {
    await o.restore();
  }
}

/** A preview image is a PNG data URL of the base image's size. */
function expectPreviewPng(i: EditPreview['images'][number], base: { width: number; height: number }): void {
  expect(i).toMatchObject({ width: base.width, height: base.height });
  expect(i.dataUrl.startsWith(PNG_DATA_URL)).toBe(true);
  const png = Buffer.from(i.dataUrl.slice(PNG_DATA_URL.length), 'base64');
  expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
}

/** The stored PNG behind a URL, as a data URL (to compare with a preview). */
async function storedDataUrl(url: string): Promise<string> {
  return PNG_DATA_URL + Buffer.from(await (await fetch(url)).arrayBuffer()).toString('base64');
}

/** Creates an upload ticket, PUTs the bytes where it says, and completes it. */
export async function upload(
  c: GqlClient,
  bytes: Uint8Array,
  contentType = 'image/png',
  declaredSize = bytes.byteLength,
) {
  const t = await c.gql<{
    createUpload: {
      uploadId: string;
      method: string;
      url: string;
      headers: { name: string; value: string }[];
    };
  }>(
    `mutation($t: String!, $s: Int!) { createUpload(input: { contentType: $t, size: $s, filename: "face.png" }) { uploadId method url headers { name value } expiresAt } }`,
    { t: contentType, s: declaredSize },
  );
  if (!t.data) return { ticket: t, put: undefined, complete: undefined };
  const ticket = t.data.createUpload;
  const put = await fetch(ticket.url, {
    method: ticket.method,
    headers: Object.fromEntries(ticket.headers.map((h) => [h.name, h.value])),
    body: bytes,
  });
  const putBody = await put.text();
  const complete = await c.gql<{
    completeUpload: {
      id: string;
      source: string;
      url: string;
      width: number;
      height: number;
      latent: unknown;
      inversionStatus: string;
    };
  }>(
    `mutation($id: ID!) { completeUpload(uploadId: $id) { id source url width height latent { id } inversionStatus } }`,
    { id: ticket.uploadId },
  );
  return { ticket: t, put: { status: put.status, body: putBody }, complete };
}

/** The integration suite, over real HTTP against a running server, for one storage backend. */
export function apiSuite(backend: Backend): void {
  describe(`the API over HTTP, ${backend} storage`, () => {
    let env: TestEnv;
    let server: ApiServer;
    let c: GqlClient;
    const outage = new Outage();
    let s3Outage: Outage | undefined;

    beforeAll(async () => {
      env = await createTestEnv(backend);
      s3Outage = env.s3 ? new Outage(env.s3) : undefined;
      server = await env.start('main', {}, { outage: s3Outage ?? outage });
      await server.warm;
      c = clientOf(server);
    });
    afterAll(async () => {
      await env?.dispose();
    });

    it('generates images: PNG and W+ latent (.npy) URLs that serve the bytes', async () => {
      const [a, b] = await generate(c, [11, 12]);
      expect(a!.latent).toMatchObject({ space: 'WPLUS', shape: [1, 10, 64] });
      const png = await fetch(a!.url);
      expect(png.status).toBe(200);
      const bytes = new Uint8Array(await png.arrayBuffer());
      expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      const npy = new Uint8Array(await (await fetch(a!.latent.url)).arrayBuffer());
      expect(new TextDecoder().decode(npy.subarray(1, 6))).toBe('NUMPY');
      expect(npy.byteLength).toBeGreaterThan(10 * 64 * 4);
      expect(a!.id).not.toBe(b!.id);
      // The same seed gives the same pixels (content-addressed: the same blob).
      const [again] = await generate(c, [11]);
      expect(again!.url.split('?')[0]).toBe(a!.url.split('?')[0]);
      expect(again!.id).not.toBe(a!.id);
    });

    it('edits with global directions (one EDITED result per α, S latents) and with a mapper (W+)', async () => {
      const [base] = await generate(c, [21]);
      const g = await c.ok<{
        editGlobal: {
          id: string;
          method: string;
          channels: number;
          alphas: number[];
          shareUrl: string;
          image: { id: string };
          topChannels: unknown[];
          results: {
            alpha: number;
            image: {
              id: string;
              source: string;
              url: string;
              parentEdit: { id: string };
              latent: { space: string; shape: number[] };
            };
          }[];
        };
      }>(EDIT_GLOBAL, { id: base!.id, alphas: [-2, 0, 3], target: 'a smiling face' });
      const e = g.editGlobal;
      expect(e.method).toBe('GLOBAL');
      expect(e.channels).toBeGreaterThan(0);
      expect(e.topChannels.length).toBeGreaterThan(0);
      expect(e.image.id).toBe(base!.id);
      expect(e.shareUrl).toMatch(new RegExp(`/edits/${e.id}$`));
      expect(e.results.map((r) => r.alpha)).toEqual([-2, 0, 3]);
      for (const r of e.results) {
        expect(r.image).toMatchObject({
          source: 'EDITED',
          parentEdit: { id: e.id },
          latent: { space: 'S', shape: [1, 368] },
        });
        expect((await fetch(r.image.url)).status).toBe(200);
      }
      const m = await c.ok<{
        editMapper: {
          method: string;
          results: {
            alpha: number | null;
            image: { source: string; latent: { space: string; shape: number[] } };
          }[];
        };
      }>(EDIT_MAPPER, { id: base!.id, strength: 0.5 });
      expect(m.editMapper.method).toBe('MAPPER');
      expect(m.editMapper.results).toHaveLength(1);
      expect(m.editMapper.results[0]).toMatchObject({
        alpha: null,
        image: { source: 'EDITED', latent: { space: 'WPLUS', shape: [1, 10, 64] } },
      });
      const edits = await c.ok<{ image: { edits: { edges: { node: { id: string; method: string } }[] } } }>(
        EDITS_OF,
        { id: base!.id },
      );
      expect(edits.image.edits.edges.map((x) => x.node.method)).toEqual(['MAPPER', 'GLOBAL']);
    });

    it('stacks edits: a global edit of a global result works; a mapper edit of it is refused (needs W+)', async () => {
      const [base] = await generate(c, [31]);
      const first = await c.ok<{ editGlobal: { results: { image: { id: string } }[] } }>(EDIT_GLOBAL, {
        id: base!.id,
        alphas: [2],
        target: 'an old face',
      });
      const edited = first.editGlobal.results[0]!.image.id;
      const second = await c.ok<{
        editGlobal: { image: { id: string }; results: { image: { latent: { space: string } } }[] };
      }>(EDIT_GLOBAL, {
        id: edited,
        alphas: [1, 2],
        target: 'a face with glasses',
      });
      expect(second.editGlobal.image.id).toBe(edited);
      expect(second.editGlobal.results.map((r) => r.image.latent.space)).toEqual(['S', 'S']);
      const refused = await c.gql(EDIT_MAPPER, { id: edited });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0]!.message).toMatch(/mapper edits need a W\+ latent/);
      // A mapper result is W+, so a mapper edit stacks on it.
      const mapped = await c.ok<{ editMapper: { results: { image: { id: string } }[] } }>(EDIT_MAPPER, {
        id: base!.id,
      });
      const again = await c.ok<{ editMapper: { results: { image: { latent: { space: string } } }[] } }>(
        EDIT_MAPPER,
        { id: mapped.editMapper.results[0]!.image.id },
      );
      expect(again.editMapper.results[0]!.image.latent.space).toBe('WPLUS');
      expect(codeOf(await c.gql(EDIT_MAPPER, { id: 'zzzzzzzzzzzzzzzzzzzz' }))).toBe('NOT_FOUND');
    });

    it('previews a global edit (one image per α) without storing anything; a stored edit matches it', async () => {
      const o = s3Outage ?? outage;
      const [base] = await generate(c, [71]);
      const before = await storedState(server, c, base!.id, 'GLOBAL');
      expect(before.edits).toEqual([]);
      // Any write fails meanwhile, so a preview that wrote anything would fail. A preview runs the models: with
      // keys configured it needs one (access-suite.ts), like a mutation.
      const p = await withoutWrites(o, async () => {
        const first = (
          await c.ok<{ previewGlobalEdit: EditPreview }>(PREVIEW_GLOBAL, {
            id: base!.id,
            alphas: [-2, 0, 3],
            target: 'a smiling face',
          })
        ).previewGlobalEdit;
        // Previews are repeatable: the same parameters give the same pixels.
        const again = await c.ok<{ previewGlobalEdit: EditPreview }>(PREVIEW_GLOBAL, {
          id: base!.id,
          alphas: [3],
          target: 'a smiling face',
        });
        expect(again.previewGlobalEdit.images[0]!.dataUrl).toBe(first.images[2]!.dataUrl);
        return first;
      });
      expect(p.channels).toBeGreaterThan(0);
      expect(p.beta).toBe(0.1);
      expect(p.autoBeta).toBe(false);
      expect(p.topChannels.length).toBeGreaterThan(0);
      expect(p.images.map((i) => i.alpha)).toEqual([-2, 0, 3]);
      for (const i of p.images) expectPreviewPng(i, base!);
      expect(new Set(p.images.map((i) => i.dataUrl)).size).toBe(3);

      // Nothing was stored: no key at all, no gallery or edit-list entry, no edit of the image.
      expect(await storedState(server, c, base!.id, 'GLOBAL')).toEqual(before);

      // Keeping it (editGlobal, same parameters) stores exactly what the preview showed.
      const kept = await c.ok<{
        editGlobal: { channels: number; beta: number; results: { image: { id: string; url: string } }[] };
      }>(EDIT_GLOBAL, { id: base!.id, alphas: [-2, 0, 3], target: 'a smiling face' });
      expect(kept.editGlobal).toMatchObject({ channels: p.channels, beta: p.beta });
      for (const [i, r] of kept.editGlobal.results.entries()) {
        expect(await storedDataUrl(r.image.url)).toBe(p.images[i]!.dataUrl);
      }
      // An S latent (a global-edit result) previews too; errors are editGlobal's.
      const onS = await c.ok<{ previewGlobalEdit: EditPreview }>(PREVIEW_GLOBAL, {
        id: kept.editGlobal.results[2]!.image.id,
        alphas: [1],
        target: 'an old face',
      });
      expect(onS.previewGlobalEdit.images).toHaveLength(1);
      const bad = await c.gql(PREVIEW_GLOBAL, { id: base!.id, alphas: [], target: 'a smiling face' });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0]!.message).toMatch(/alphas: give at least 1 value, got 0/);
      expect(
        codeOf(await c.gql(PREVIEW_GLOBAL, { id: 'zzzzzzzzzzzzzzzzzzzz', alphas: [1], target: 'x' })),
      ).toBe('NOT_FOUND');
      const many = Array.from({ length: 17 }, (_, i) => i);
      expect(codeOf(await c.gql(PREVIEW_GLOBAL, { id: base!.id, alphas: many, target: 'x' }))).toBe(
        'BAD_USER_INPUT',
      );

      // A reduced resolution: the set says which one to preview at (its stopped-early graphs).
      const set = (
        await c.ok<{
          modelSet: { size: number; previewResolutions: number[]; previewResolution: number };
        }>('query { modelSet { size previewResolutions previewResolution } }')
      ).modelSet;
      expect(set.previewResolutions.length).toBeGreaterThan(0);
      expect(set.previewResolutions).toContain(set.previewResolution);
      expect(set.previewResolution).toBeLessThan(set.size);
      const low = (
        await c.ok<{ previewGlobalEdit: EditPreview }>(PREVIEW_GLOBAL, {
          id: base!.id,
          alphas: [3],
          target: 'a smiling face',
          resolution: set.previewResolution,
        })
      ).previewGlobalEdit;
      expectPreviewPng(low.images[0]!, { width: set.previewResolution, height: set.previewResolution });
      expect(low.channels).toBe(p.channels);
      const mapped = (
        await c.ok<{ previewMapperEdit: MapperPreview }>(PREVIEW_MAPPER, {
          id: base!.id,
          strength: 1,
          resolution: set.previewResolution,
        })
      ).previewMapperEdit;
      expectPreviewPng(mapped.images[0]!, { width: set.previewResolution, height: set.previewResolution });
      for (const resolution of [12, set.size * 2, 0]) {
        const r = await c.gql(PREVIEW_GLOBAL, { id: base!.id, alphas: [1], target: 'x', resolution });
        expect(codeOf(r), `resolution ${resolution}`).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.message).toMatch(/resolution must be a power of two from 4 to/);
      }
    });

    it("previews a mapper edit without storing anything; a stored edit matches it; errors are editMapper's", async () => {
      const o = s3Outage ?? outage;
      const [base] = await generate(c, [73]);
      const before = await storedState(server, c, base!.id, 'MAPPER');
      expect(before.edits).toEqual([]);
      const [p, zero] = await withoutWrites(o, async () => {
        const first = (
          await c.ok<{ previewMapperEdit: MapperPreview }>(PREVIEW_MAPPER, { id: base!.id, strength: 1.5 })
        ).previewMapperEdit;
        const again = await c.ok<{ previewMapperEdit: MapperPreview }>(PREVIEW_MAPPER, {
          id: base!.id,
          strength: 1.5,
        });
        expect(again.previewMapperEdit.images[0]!.dataUrl).toBe(first.images[0]!.dataUrl);
        const other = await c.ok<{ previewMapperEdit: MapperPreview }>(PREVIEW_MAPPER, {
          id: base!.id,
          strength: 0,
        });
        return [first, other.previewMapperEdit] as const;
      });
      expect(p.strength).toBe(1.5);
      expect(p.images.map((i) => i.alpha)).toEqual([1.5]);
      expectPreviewPng(p.images[0]!, base!);
      expect(zero.images[0]!.dataUrl).not.toBe(p.images[0]!.dataUrl);

      // Nothing was stored.
      expect(await storedState(server, c, base!.id, 'MAPPER')).toEqual(before);

      // Keeping it (editMapper, same parameters) stores exactly what the preview showed.
      const kept = await c.ok<{
        editMapper: { strength: number; results: { image: { id: string; url: string } }[] };
      }>(EDIT_MAPPER, { id: base!.id, strength: 1.5 });
      expect(kept.editMapper.strength).toBe(1.5);
      expect(await storedDataUrl(kept.editMapper.results[0]!.image.url)).toBe(p.images[0]!.dataUrl);
      // A mapper result is W+: it previews too (the default strength is 1).
      const onResult = await c.ok<{ previewMapperEdit: MapperPreview }>(PREVIEW_MAPPER, {
        id: kept.editMapper.results[0]!.image.id,
      });
      expect(onResult.previewMapperEdit.strength).toBe(1);

      // Errors are editMapper's: an S latent, an unknown mapper, a strength out of range, an unknown image.
      const g = await c.ok<{ editGlobal: { results: { image: { id: string } }[] } }>(EDIT_GLOBAL, {
        id: base!.id,
        alphas: [2],
        target: 'an old face',
      });
      const onS = await c.gql(PREVIEW_MAPPER, { id: g.editGlobal.results[0]!.image.id });
      expect(codeOf(onS)).toBe('BAD_USER_INPUT');
      expect(onS.errors![0]!.message).toMatch(/mapper edits need a W\+ latent/);
      const unknown = await c.gql(PREVIEW_MAPPER, { id: base!.id, mapper: 'no-such-mapper' });
      expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
      expect(unknown.errors![0]!.message).toMatch(/has no mapper "no-such-mapper" \(it has: demo\)/);
      expect(codeOf(await c.gql(PREVIEW_MAPPER, { id: base!.id, strength: 11 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await c.gql(PREVIEW_MAPPER, { id: 'zzzzzzzzzzzzzzzzzzzz' }))).toBe('NOT_FOUND');
    });

    it('pages through the gallery newest first and filters by source and method', async () => {
      const made = await generate(c, [41, 42, 43, 44, 45]);
      const newestFirst = [...made].reverse().map((i) => i.id);
      const page1 = await c.ok<{
        images: {
          edges: { cursor: string; node: { id: string; source: string } }[];
          pageInfo: { endCursor: string; hasNextPage: boolean };
        };
      }>(GALLERY, {
        first: 2,
      });
      expect(page1.images.edges.map((e) => e.node.id)).toEqual(newestFirst.slice(0, 2));
      expect(page1.images.pageInfo.hasNextPage).toBe(true);
      const page2 = await c.ok<{
        images: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } };
      }>(GALLERY, {
        first: 2,
        after: page1.images.pageInfo.endCursor,
      });
      expect(page2.images.edges.map((e) => e.node.id)).toEqual(newestFirst.slice(2, 4));
      const all = await galleryIds(c);
      expect(all.slice(0, 5)).toEqual(newestFirst);
      expect(new Set(all).size).toBe(all.length);
      // Base images only: no EDITED ones unless asked for.
      const edited = await galleryIds(c, { source: 'EDITED' });
      expect(edited.length).toBeGreaterThan(0);
      expect(all.some((id) => edited.includes(id))).toBe(false);
      // Method filter: images having a mapper edit.
      await c.ok(EDIT_MAPPER, { id: made[0]!.id });
      const withMapper = await galleryIds(c, { method: 'MAPPER' });
      expect(withMapper[0]).toBe(made[0]!.id);
      expect(withMapper).not.toContain(made[1]!.id);
      const generatedWithGlobal = await galleryIds(c, { method: 'GLOBAL', source: 'GENERATED' });
      expect(generatedWithGlobal).not.toContain(made[0]!.id);
      expect(generatedWithGlobal.length).toBeGreaterThan(0);
      expect(codeOf(await c.gql(GALLERY, { first: 500 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await c.gql(GALLERY, { after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
    });

    it('validates uploads (type, corrupt, size, dimensions), accepts and dedupes a PNG, and refuses to edit one without a face', async () => {
      const wrongType = await c.gql(
        `mutation { createUpload(input: { contentType: "image/gif", size: 10 }) { uploadId } }`,
      );
      expect(codeOf(wrongType)).toBe('UNSUPPORTED_MEDIA_TYPE');
      const tooBig = await c.gql(
        `mutation { createUpload(input: { contentType: "image/png", size: 20971521 }) { uploadId } }`,
      );
      expect(codeOf(tooBig)).toBe('PAYLOAD_TOO_LARGE');

      const gifAsPng = await upload(c, gif());
      expect(codeOf(gifAsPng.complete!)).toBe('UNSUPPORTED_MEDIA_TYPE');
      const corrupt = await upload(c, corruptPng());
      expect(codeOf(corrupt.complete!)).toBe('IMAGE_UNDECODABLE');
      const bomb = await upload(c, pngBomb(50000, 50000));
      expect(codeOf(bomb.complete!)).toBe('IMAGE_TOO_MANY_PIXELS');
      expect(bomb.complete!.errors![0]!.message).toMatch(/50000×50000/);
      const wide = await upload(c, await noisePng(5000, 2, 3));
      expect(codeOf(wide.complete!)).toBe('IMAGE_TOO_MANY_PIXELS');

      // More bytes than the ticket allows.
      const over = await upload(c, await noisePng(32, 32, 4), 'image/png', 100);
      if (backend === 'fs') {
        expect(over.put!.status).toBe(413);
        expect(JSON.parse(over.put!.body).error.code).toBe('PAYLOAD_TOO_LARGE');
      } else {
        expect(codeOf(over.complete!)).toBe('PAYLOAD_TOO_LARGE');
      }

      const png = await noisePng(48, 40, 7);
      const ok = await upload(c, png);
      expect(ok.put!.status).toBe(200);
      const image = ok.complete!.data!.completeUpload;
      expect(image).toMatchObject({
        source: 'UPLOADED',
        width: 48,
        height: 40,
        latent: null,
        // The tiny set has an encoder: the upload's faces are looked for by an INVERT_PHOTO job.
        inversionStatus: 'PENDING',
      });
      expect((await fetch(image.url)).status).toBe(200);
      const dup = await upload(c, png);
      expect(dup.complete!.data!.completeUpload.id).toBe(image.id);

      // Noise has no face: the photo says so, and every edit is refused with NO_FACE.
      const photo = await settledPhoto(c, image.id);
      expect(photo).toMatchObject({ state: 'NO_FACE', error: { code: 'NO_FACE' }, faces: [] });
      const edit = await c.gql(EDIT_GLOBAL, { id: image.id, alphas: [1], target: 'a smiling face' });
      expect(codeOf(edit)).toBe('NO_FACE');
      expect(edit.errors![0]!.message).toMatch(/no face was found in the photo/);
      expect(codeOf(await c.gql(EDIT_MAPPER, { id: image.id }))).toBe('NO_FACE');
      const preview = await c.gql(PREVIEW_GLOBAL, { id: image.id, alphas: [1], target: 'a smiling face' });
      expect(codeOf(preview)).toBe('NO_FACE');
      expect(codeOf(await c.gql(PREVIEW_MAPPER, { id: image.id }))).toBe('NO_FACE');
      const still = await c.ok<{ image: { id: string; source: string } }>(
        `query($id: ID!) { image(id: $id) { id source } }`,
        { id: image.id },
      );
      expect(still.image).toEqual({ id: image.id, source: 'UPLOADED' });
      expect(await galleryIds(c, { source: 'UPLOADED' })).toEqual([image.id]);
    });

    it('requires the API key for mutations (missing and wrong keys refused), not for queries', async () => {
      const anon = c.withKey(null);
      const missing = await anon.gql(GENERATE, { seeds: [1] });
      expect(missing.status).toBe(401);
      expect(codeOf(missing)).toBe('UNAUTHENTICATED');
      const upload = await anon.gql(
        `mutation { createUpload(input: { contentType: "image/png", size: 10 }) { uploadId } }`,
      );
      expect(codeOf(upload)).toBe('UNAUTHENTICATED');
      const wrong = await c.withKey('not-the-key').gql(GENERATE, { seeds: [1] });
      expect(wrong.status).toBe(401);
      expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
      const wrongQuery = await c.withKey('not-the-key').gql(`{ health { status } }`);
      expect(codeOf(wrongQuery)).toBe('UNAUTHENTICATED');
      const query = await anon.gql<{ health: { status: string; storage: string } }>(
        `{ health { status storage } }`,
      );
      expect(query.data!.health).toEqual({ status: 'ok', storage: backend });
      expect((await c.withKey(TEST_API_KEY).gql(GENERATE, { seeds: [2] })).status).toBe(200);
    });

    it('refuses queries that are too deep or too costly (QUERY_TOO_COMPLEX), before running them', async () => {
      const deep = `{ images { edges { node { edits { edges { node { results { image { edits { edges { node { image { parentEdit { image { id } } } } } } } } } } } } } } }`;
      const r = await c.gql(deep);
      expect(r.status).toBe(400);
      expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
      expect(r.errors![0]!.message).toMatch(/nested \d+ levels deep; the limit is 12/);
      const costly = `query($n: Int) { images(first: $n) { edges { node { edits(first: 100) { edges { node { results { image { id url } } } } } } } } }`;
      const r2 = await c.gql(costly, { n: 100 });
      expect(codeOf(r2)).toBe('QUERY_TOO_COMPLEX');
      expect(r2.errors![0]!.message).toMatch(/the limit is 20000/);
      expect(codeOf(await c.gql(costly, { n: 1 }))).toBeUndefined();
      // Masking: validation errors keep their code; each error carries the request id.
      const bad = await c.gql(`{ nope }`, undefined, { 'x-request-id': 'req-123' });
      expect(bad.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: 'req-123' });
      expect(bad.headers.get('x-request-id')).toBe('req-123');
      expect(JSON.stringify(bad)).not.toMatch(/stacktrace|at \w+ \(/);
    });

    it('masks unexpected failures as INTERNAL_SERVER_ERROR with the request id, without internals', async () => {
      const [img] = await generate(c, [61]);
      // A latent record whose blob is gone (deleted by hand): an internal failure, not the client's.
      const latent = (await server.services.images.getLatent(img!.latent.id))!;
      await server.services.storage.raw.delete(latent.npy.key);
      const r = await c.gql(
        `mutation($id: ID!) { editMapper(input: { imageId: $id, mapper: "demo" }) { id } }`,
        { id: img!.id },
        { 'x-request-id': 'req-internal-1' },
      );
      expect(r.errors).toEqual([
        {
          message: 'internal server error (request req-internal-1)',
          locations: [{ line: 1, column: 22 }],
          path: ['editMapper'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-internal-1' },
        },
      ]);
      expect(JSON.stringify(r)).not.toMatch(/blobs\/|latent|missing|stack/i);
      // Without its record the image is gone; the gallery skips its index entry.
      await server.services.storage.raw.delete(`records/image/${img!.id}.json`);
      expect(await galleryIds(c)).not.toContain(img!.id);
    });

    it('answers STORAGE_UNAVAILABLE when storage stops mid-request, leaves no partial record, and recovers', async () => {
      const o = s3Outage ?? outage;
      const [base] = await generate(c, [51]);
      const editedBefore = await galleryIds(c, { source: 'EDITED' });
      o.armOnNextPut();
      const t0 = performance.now();
      const failed = await c.gql(EDIT_GLOBAL, { id: base!.id, alphas: [1, 2], target: 'a surprised face' });
      expect(codeOf(failed)).toBe('STORAGE_UNAVAILABLE');
      expect(failed.errors![0]!.message).toMatch(/storage is unavailable/);
      expect(performance.now() - t0).toBeLessThan(15_000);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { storage: 'unavailable' } });
      expect(codeOf(await c.gql(GENERATE, { seeds: [52] }))).toBe('STORAGE_UNAVAILABLE');

      await o.restore();
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      // Nothing of the failed edit is visible.
      const edits = await c.ok<{ image: { edits: { edges: unknown[] } } }>(EDITS_OF, { id: base!.id });
      expect(edits.image.edits.edges).toEqual([]);
      expect(await galleryIds(c, { source: 'EDITED' })).toEqual(editedBefore);
      // And it works again.
      const ok = await c.ok<{ editGlobal: { results: unknown[] } }>(EDIT_GLOBAL, {
        id: base!.id,
        alphas: [1, 2],
        target: 'a surprised face',
      });
      expect(ok.editGlobal.results).toHaveLength(2);
      expect(
        (await c.ok<{ image: { edits: { edges: unknown[] } } }>(EDITS_OF, { id: base!.id })).image.edits
          .edges,
      ).toHaveLength(1);
    });

    it('serves health, readiness, metrics (with micro-batch sizes), request ids and CORS', async () => {
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({
        status: 'ready',
        checks: { models: 'ok', storage: 'ok' },
      });
      const metrics = (await (await fetch(`${server.url}/metrics`)).json()) as {
        batchSizes: Record<string, Record<string, number>>;
        requests: Record<string, number>;
      };
      expect(Object.values(metrics.batchSizes.tiny ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(metrics.requests['graphql 200']).toBeGreaterThan(0);
      const res = await fetch(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      const refused = await fetch(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(refused.status).toBe(403);
      const missing = await fetch(`${server.url}/files/records/image/x.json`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      const big = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ health { status } }`, pad: 'x'.repeat(300_000) }),
      });
      expect(big.status).toBe(413);
    });

    it('rate limits per client: RATE_LIMITED with HTTP 429 and Retry-After, on GraphQL and REST', async () => {
      const limited = await env.start('limited', {
        STYLECLIP_RATE_LIMIT_PER_MINUTE: '6',
        STYLECLIP_RATE_LIMIT_BURST: '3',
      });
      const anon = clientOf(limited, null);
      for (let i = 0; i < 3; i++) expect((await anon.gql(`{ health { status } }`)).status).toBe(200);
      const r = await anon.gql(`{ health { status } }`);
      expect(r.status).toBe(429);
      expect(codeOf(r)).toBe('RATE_LIMITED');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // A preview is a query but costs what an edit does: it is refused the same way.
      const preview = await anon.gql(PREVIEW_GLOBAL, {
        id: 'zzzzzzzzzzzzzzzzzzzz',
        alphas: [1],
        target: 'x',
      });
      expect(preview.status).toBe(429);
      expect(codeOf(preview)).toBe('RATE_LIMITED');
      const file = await fetch(`${limited.url}/files/blobs/images/00/${'0'.repeat(62)}.png`);
      expect(file.status).toBe(429);
      // Another client (the API key) has its own bucket.
      expect((await clientOf(limited).gql(`{ health { status } }`)).status).toBe(200);
      await limited.close();
    });

    jobSuite(() => env);
    trainingSuite(() => env);
  });
}
