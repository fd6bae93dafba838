import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../server';
import { EDIT_GLOBAL, EDIT_MAPPER, galleryIds, generate } from './api-suite';
import { codeOf, type GqlClient } from './client';
import { clientOf, createTestEnv, Interleave, type Backend, type TestEnv } from './env';

const DELETE_IMAGE = `mutation($id: ID!) { deleteImage(id: $id) { images edits files } }`;
const DELETE_EDIT = `mutation($id: ID!) { deleteEdit(id: $id) { images edits files } }`;
const IMAGE = `query($id: ID!) { image(id: $id) { id edits { edges { node { id } } } } }`;

interface EditResult {
  id: string;
  results: { image: { id: string } }[];
}

/**
 * Deleting images and edits over HTTP: cascades (edits, their results, stacked edits), files kept while another
 * image shares them (content-addressed) and removed when the last one goes, and the interleavings with a
 * concurrent writer (a blob gaining a holder while it is deleted, an edit committed while its image is deleted).
 */
export function deletionSuite(backend: Backend): void {
  describe(`deletion, ${backend} storage`, () => {
    let env: TestEnv;
    let server: ApiServer;
    let c: GqlClient;
    const interleave = new Interleave();

    beforeAll(async () => {
      env = await createTestEnv(backend);
      server = await env.start('deletion', {}, { wrap: interleave.wrap });
      await server.warm;
      c = clientOf(server);
    });
    afterAll(async () => {
      await env?.dispose();
    });

    const exists = (key: string) => server.services.storage.raw.exists(key);
    const keysOf = async (imageId: string) => {
      const image = (await server.services.images.get(imageId))!;
      const latent = (await server.services.images.getLatent(image.latentId!))!;
      return { png: image.png.key, npy: latent.npy.key, latentId: latent.id };
    };
    const editGlobal = async (id: string, alphas: number[], target = 'a smiling face') =>
      (await c.ok<{ editGlobal: EditResult }>(EDIT_GLOBAL, { id, alphas, target })).editGlobal;

    it('deletes an image with its edits, their results and stacked edits; shared files stay until the last holder goes', async () => {
      // The same seed twice: two images sharing one PNG and one latent (content-addressed).
      const [a] = await generate(c, [601]);
      const [twin] = await generate(c, [601]);
      const shared = await keysOf(a!.id);
      expect(await keysOf(twin!.id)).toEqual(shared);
      const global = await editGlobal(a!.id, [1, 2]);
      const mapped = (await c.ok<{ editMapper: EditResult }>(EDIT_MAPPER, { id: a!.id })).editMapper;
      const stacked = await editGlobal(mapped.results[0]!.image.id, [3]);
      const results = [...global.results, ...mapped.results, ...stacked.results].map((r) => r.image.id);
      const resultKeys = await Promise.all(results.map(keysOf));

      const d = await c.ok<{ deleteImage: { images: number; edits: number; files: number } }>(DELETE_IMAGE, {
        id: a!.id,
      });
      expect(d.deleteImage).toEqual({ images: 1 + results.length, edits: 3, files: 2 * results.length });
      for (const id of [a!.id, ...results])
        expect((await c.ok<{ image: unknown }>(IMAGE, { id })).image, id).toBeNull();
      for (const e of [global, mapped, stacked])
        expect(
          (await c.ok<{ edit: unknown }>(`query($id: ID!) { edit(id: $id) { id } }`, { id: e.id })).edit,
        ).toBeNull();
      const gallery = [...(await galleryIds(c)), ...(await galleryIds(c, { source: 'EDITED' }))];
      for (const id of [a!.id, ...results]) expect(gallery).not.toContain(id);
      for (const k of resultKeys) {
        expect(await exists(k.png)).toBe(false);
        expect(await exists(k.npy)).toBe(false);
        expect(await exists(`records/latent/${k.latentId}.json`)).toBe(false);
      }
      // The twin still has its files, and edits.
      expect(await exists(shared.png)).toBe(true);
      expect(await exists(shared.npy)).toBe(true);
      expect((await editGlobal(twin!.id, [1])).results).toHaveLength(1);

      // The last holder goes: its files go too (and its edit).
      const last = await c.ok<{ deleteImage: { images: number; edits: number; files: number } }>(
        DELETE_IMAGE,
        {
          id: twin!.id,
        },
      );
      expect(last.deleteImage).toEqual({ images: 2, edits: 1, files: 4 });
      expect(await exists(shared.png)).toBe(false);
      expect(await exists(shared.npy)).toBe(false);
      expect(await exists(`records/latent/${shared.latentId}.json`)).toBe(false);

      expect(codeOf(await c.gql(DELETE_IMAGE, { id: a!.id }))).toBe('NOT_FOUND');
      expect(codeOf(await c.withKey(null).gql(DELETE_IMAGE, { id: twin!.id }))).toBe('UNAUTHENTICATED');
    });

    it('images stored before reference markers keep their files: the first deletion marks them (once)', async () => {
      const [old] = await generate(c, [606]);
      const [fresh] = await generate(c, [606]);
      const shared = await keysOf(old!.id);
      // As a store written by an earlier release: no markers for `old`, no record that every image has them.
      const raw = server.services.storage.raw;
      const sha = (await server.services.images.get(old!.id))!.png.sha256;
      await raw.delete(`index/refs/${sha}/${old!.id}`);
      await raw.delete(`index/refs/${shared.latentId}/${old!.id}`);
      await raw.delete('index/refs-complete');
      const next = await env.start('deletion'); // a process that has not scanned yet
      const d = await clientOf(next).ok<{ deleteImage: { files: number } }>(DELETE_IMAGE, { id: fresh!.id });
      expect(d.deleteImage.files).toBe(0);
      expect(await exists(shared.png)).toBe(true);
      expect(await exists(shared.npy)).toBe(true);
      expect(await exists('index/refs-complete')).toBe(true);
      expect((await editGlobal(old!.id, [1])).results).toHaveLength(1);
      await next.close();
    });

    it('deletes an edit with its results; the image and its other edits stay', async () => {
      const [b] = await generate(c, [602]);
      const keep = await editGlobal(b!.id, [2], 'an old face');
      const drop = await editGlobal(b!.id, [-1, 1]);
      const d = await c.ok<{ deleteEdit: unknown }>(DELETE_EDIT, { id: drop.id });
      expect(d.deleteEdit).toEqual({ images: 2, edits: 1, files: 4 });
      const left = await c.ok<{ image: { edits: { edges: { node: { id: string } }[] } } }>(IMAGE, {
        id: b!.id,
      });
      expect(left.image.edits.edges.map((e) => e.node.id)).toEqual([keep.id]);
      expect(await galleryIds(c, { source: 'EDITED' })).not.toContain(drop.results[0]!.image.id);
      expect(codeOf(await c.gql(DELETE_EDIT, { id: drop.id }))).toBe('NOT_FOUND');
    });

    it("refuses to delete an edit's result on its own (the edit would point at nothing), naming the edit", async () => {
      const [r] = await generate(c, [607]);
      const edit = await editGlobal(r!.id, [1, 2]);
      const result = edit.results[0]!.image.id;
      const refused = await c.gql(DELETE_IMAGE, { id: result });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toContain(`is a result of edit ${edit.id}`);
      expect(refused.errors?.[0]?.extensions?.editId).toBe(edit.id);
      const still = await c.ok<{ edit: EditResult }>(
        `query($id: ID!) { edit(id: $id) { id results { image { id } } } }`,
        { id: edit.id },
      );
      expect(still.edit.results.map((x) => x.image.id)).toEqual(edit.results.map((x) => x.image.id));
    });

    it('keeps a blob that gains a holder while it is being deleted', async () => {
      const [img] = await generate(c, [603]);
      const { png } = await keysOf(img!.id);
      // Just before the deleter removes the PNG (it found no other holder), the same seed is generated again:
      // a new image marks the PNG as its own and writes it.
      let again: string | undefined;
      interleave.once('delete', new RegExp(`^${png.replaceAll('/', '\\/')}$`), async () => {
        again = (await generate(c, [603]))[0]!.id;
      });
      const d = await c.ok<{ deleteImage: { files: number } }>(DELETE_IMAGE, { id: img!.id });
      expect(again).toBeDefined();
      expect(await exists(png)).toBe(true);
      expect(d.deleteImage.files).toBeLessThan(2);
      expect((await fetch(`${server.url}/files/${png}`)).status).toBe(200);
      expect((await editGlobal(again!, [1])).results).toHaveLength(1);
    });

    it('no edit outlives its image: committed during the deletion, it is swept; committed after, it removes itself', async () => {
      const [x] = await generate(c, [604]);
      // The edit commits while the deleter is between its two sweeps (as it deletes the image record).
      let during: EditResult | undefined;
      interleave.once('delete', new RegExp(`^records/image/${x!.id}\\.json$`), async () => {
        during = await editGlobal(x!.id, [1]);
      });
      const d = await c.ok<{ deleteImage: { edits: number } }>(DELETE_IMAGE, { id: x!.id });
      expect(during).toBeDefined();
      expect(d.deleteImage.edits).toBe(1);
      expect(
        (await c.ok<{ edit: unknown }>(`query($id: ID!) { edit(id: $id) { id } }`, { id: during!.id })).edit,
      ).toBeNull();
      expect(await galleryIds(c, { source: 'EDITED' })).not.toContain(during!.results[0]!.image.id);

      // The image is deleted (both sweeps done) just before the edit writes its record: the edit removes itself.
      const [y] = await generate(c, [605]);
      interleave.once('put', /^records\/edit\//, async () => {
        await c.ok(DELETE_IMAGE, { id: y!.id });
      });
      const late = await c.gql(EDIT_GLOBAL, { id: y!.id, alphas: [1], target: 'a smiling face' });
      expect(codeOf(late)).toBe('NOT_FOUND');
      const leftovers = await server.services.storage.raw.list(`index/edits/${y!.id}/`, { limit: 10 });
      expect(leftovers.keys).toEqual([]);
      const byMethod = await server.services.storage.raw.list(`index/methods/global/${y!.id}.`, {
        limit: 10,
      });
      expect(byMethod.keys).toEqual([]);
    });
  });
}
