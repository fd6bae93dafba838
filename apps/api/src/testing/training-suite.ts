import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { modelsDirWithTiny } from '@styleclip/studio/testing';
import type { ApiServer } from '../server';
import { codeOf, type GqlClient } from './client';
import { clientOf, type TestEnv } from './env';

const TRAINING = `training {
  step steps mapper
  losses { clip l2 id total lr }
  curve { stride step total clip l2 id lr }
  evaluations { step losses { clip l2 id total } }
}`;
const JOB = `id kind state phase done total progress etaSeconds previewUrl error { code message } ${TRAINING}`;

const OPTIMIZE = `mutation($i: OptimizeLatentInput!) { optimizeLatent(input: $i) { id kind state modelSetId } }`;
const TRAIN = `mutation($i: TrainMapperInput!) { trainMapper(input: $i) { id kind state modelSetId } }`;
const CANCEL = `mutation($id: ID!) { cancelJob(id: $id) { state done } }`;

interface Losses {
  clip: number | null;
  l2: number | null;
  id: number | null;
  total: number;
  lr: number | null;
}
interface Job {
  id: string;
  kind: string;
  state: string;
  phase: string | null;
  done: number;
  total: number;
  progress: number;
  etaSeconds: number | null;
  previewUrl: string | null;
  error: { code: string; message: string } | null;
  training: {
    step: number;
    steps: number;
    mapper: string | null;
    losses: Losses | null;
    curve: {
      stride: number;
      step: number[];
      total: number[];
      clip: number[] | null;
      l2: number[] | null;
      id: number[] | null;
      lr: number[] | null;
    };
    evaluations: { step: number; losses: Losses }[] | null;
  } | null;
}

/** Follows a job over graphql-ws (as the web app does) until it ends; `onEvent` may act on each event. */
async function follow(server: ApiServer, id: string, onEvent: (j: Job) => void = () => undefined) {
  const ws = createClient({
    url: `${server.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  const events: Job[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      ws.subscribe<{ jobUpdated: Job }>(
        { query: `subscription($id: ID!) { jobUpdated(id: $id) { ${JOB} } }`, variables: { id } },
        {
          next: (m) => {
            if (m.errors) return reject(new Error(JSON.stringify(m.errors)));
            events.push(m.data!.jobUpdated);
            onEvent(m.data!.jobUpdated);
          },
          error: reject,
          complete: resolve,
        },
      );
    });
  } finally {
    await ws.dispose();
  }
  return events;
}

const pngMagic = async (url: string) => {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer())
    .subarray(1, 4)
    .toString('latin1');
};

async function generate(c: GqlClient, seed: number): Promise<string> {
  const r = await c.ok<{ generateImages: { id: string }[] }>(
    `mutation($s: [Int!]!) { generateImages(input: { seeds: $s }) { id } }`,
    { s: [seed] },
  );
  return r.generateImages[0]!.id;
}

/**
 * The training jobs through GraphQL on a copy of the tiny set (a trained mapper is installed into it): start,
 * progress with the loss terms over graphql-ws, previews, cancel, and the results (an OPTIMIZE edit whose image
 * is a new base; a trained mapper usable by editMapper with its official checkpoint for download).
 */
export function trainingSuite(getEnv: () => TestEnv): void {
  describe('training jobs', () => {
    let server: ApiServer;
    let c: GqlClient;
    const start = async () => {
      const env = getEnv();
      const models = await modelsDirWithTiny(await mkdtemp(join(env.root, 'training-')), 'copy');
      server = await env.start('training', { STYLECLIP_MODELS_DIR: models });
      c = clientOf(server);
    };

    it('optimizeLatent: progress with the loss terms and previews, then an OPTIMIZE edit whose image is a new base; bad input refused', async () => {
      await start();
      const imageId = await generate(c, 3);
      const text = 'a face with blue eyes';
      const input = { imageId, text, steps: 8, previewEvery: 3, checkpointEvery: 4 };
      const job = (await c.ok<{ optimizeLatent: Job & { modelSetId: string } }>(OPTIMIZE, { i: input }))
        .optimizeLatent;
      expect(job).toMatchObject({ kind: 'OPTIMIZE_LATENT', modelSetId: 'tiny' });
      const events = await follow(server, job.id);
      const last = events.at(-1)!;
      expect(last.state, JSON.stringify(last.error)).toBe('SUCCEEDED');
      const running = events.filter((e) => e.state === 'RUNNING' && e.training);
      expect(running.length).toBeGreaterThan(0);
      expect(last.training).toMatchObject({ step: 8, steps: 8, mapper: null, evaluations: null });
      const losses = last.training!.losses!;
      for (const k of ['clip', 'l2', 'id', 'total', 'lr'] as const)
        expect(losses[k]).toEqual(expect.any(Number));
      expect(losses.total).toBeCloseTo(losses.clip! + 0.008 * losses.l2! + 0.005 * losses.id!, 4);
      expect(last.training!.curve.step).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(last.training!.curve.id).toHaveLength(8);
      expect(await pngMagic(last.previewUrl!)).toBe('PNG');

      const done = await c.ok<{
        job: {
          edit: {
            id: string;
            method: string;
            target: string;
            image: { id: string };
            optimization: { mode: string; space: string; steps: number; losses: Losses; job: { id: string } };
            results: { image: { id: string; source: string; url: string; latent: { space: string } } }[];
          };
          trainedMapper: null;
        };
      }>(
        `query($id: ID!) { job(id: $id) { trainedMapper { name } edit { id method target image { id }
          optimization { mode space steps losses { clip l2 id total lr } job { id } }
          results { image { id source url latent { space } } } } } }`,
        { id: job.id },
      );
      const edit = done.job.edit;
      expect(edit).toMatchObject({
        method: 'OPTIMIZE',
        target: text,
        image: { id: imageId },
        optimization: { mode: 'EDIT', space: 'WPLUS', steps: 8, job: { id: job.id } },
      });
      expect(done.job.trainedMapper).toBeNull();
      expect(edit.optimization.losses.total).toBeCloseTo(losses.total, 4);
      const result = edit.results[0]!.image;
      expect(result).toMatchObject({ source: 'EDITED', latent: { space: 'WPLUS' } });
      expect(await pngMagic(result.url)).toBe('PNG');
      // The optimized image is the base of further edits.
      const mapped = await c.ok<{ editMapper: { results: unknown[] } }>(
        `mutation($id: ID!) { editMapper(input: { imageId: $id, mapper: "demo" }) { results { image { id } } } }`,
        { id: result.id },
      );
      expect(mapped.editMapper.results).toHaveLength(1);

      // Refused before queueing, with the parameter named.
      const bad = await c.gql(OPTIMIZE, { i: { ...input, steps: 0 } });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0]!.message).toMatch(/steps/);
      expect(codeOf(await c.gql(OPTIMIZE, { i: { ...input, imageId: 'zzzzzzzzzzzzzzzzzzzz' } }))).toBe(
        'NOT_FOUND',
      );
      // A result of a text edit has an S latent: refused (the optimization starts from W+).
      const s = await c.ok<{ editGlobal: { results: { image: { id: string } }[] } }>(
        `mutation($id: ID!) { editGlobal(input: { imageId: $id, neutral: "a face", target: "a happy face", alphas: [1] }) { results { image { id } } } }`,
        { id: imageId },
      );
      const sRefusal = await c.gql(OPTIMIZE, { i: { ...input, imageId: s.editGlobal.results[0]!.image.id } });
      expect(codeOf(sRefusal)).toBe('BAD_USER_INPUT');
      expect(sRefusal.errors![0]!.message).toMatch(/W\+ latent/);

      // Cancelled between steps: no edit is stored.
      const long = (await c.ok<{ optimizeLatent: Job }>(OPTIMIZE, { i: { imageId, text, steps: 5000 } }))
        .optimizeLatent;
      let cancel: Promise<unknown> | undefined;
      const cancelled = await follow(server, long.id, (e) => {
        if (!cancel && e.training && e.done > 0) cancel = c.ok(CANCEL, { id: long.id });
      });
      await cancel;
      expect(cancelled.at(-1)!.state).toBe('CANCELLED');
      expect(cancelled.at(-1)!.done).toBeLessThan(5000);
      const none = await c.ok<{ job: { edit: null } }>(`query($id: ID!) { job(id: $id) { edit { id } } }`, {
        id: long.id,
      });
      expect(none.job.edit).toBeNull();
    });

    it('trainMapper: loss terms and evaluations, cancel; the mapper is in the set for editMapper with its official checkpoint', async () => {
      const input = { text: 'a face with blue eyes', name: 'api-blue', steps: 4, batch: 2, seedCount: 6 };
      const job = (
        await c.ok<{ trainMapper: Job & { modelSetId: string } }>(TRAIN, {
          i: { ...input, evalEvery: 2, checkpointEvery: 2 },
        })
      ).trainMapper;
      expect(job).toMatchObject({ kind: 'TRAIN_MAPPER', modelSetId: 'tiny' });
      // One job per mapper name at a time.
      expect(codeOf(await c.gql(TRAIN, { i: input }))).toBe('JOB_LIMIT_REACHED');
      const events = await follow(server, job.id);
      const last = events.at(-1)!;
      expect(last.state, JSON.stringify(last.error)).toBe('SUCCEEDED');
      expect(last.training).toMatchObject({ step: 4, steps: 4, mapper: 'api-blue' });
      expect(last.training!.evaluations!.map((e) => e.step)).toEqual([0, 2, 4]);
      expect(last.training!.curve.step).toEqual([1, 2, 3, 4]);
      expect(last.training!.losses!.lr).toBe(0.5);
      expect(await pngMagic(last.previewUrl!)).toBe('PNG');
      // A taken name is refused.
      const taken = await c.gql(TRAIN, { i: input });
      expect(codeOf(taken)).toBe('BAD_USER_INPUT');
      expect(taken.errors![0]!.message).toMatch(/already has a mapper named "api-blue"/);

      const TRAINED = `name modelSetId text checkpointUrl paramsSha256 createdAt
        training { steps batch optimizer lr clipLambda l2Lambda idLambda coarse medium fine seedStart seedCount seed }
        losses { clip l2 id total } evalLosses { total } job { id }`;
      const got = await c.ok<{
        job: { trainedMapper: { checkpointUrl: string; paramsSha256: string; job: { id: string } } };
        trainedMappers: { name: string }[];
        modelSet: { mappers: { name: string; trained: { text: string } | null }[] };
      }>(
        `query($id: ID!) { job(id: $id) { trainedMapper { ${TRAINED} } } trainedMappers { name }
          modelSet(id: "tiny") { mappers { name trained { text } } } }`,
        { id: job.id },
      );
      const trained = got.job.trainedMapper;
      expect(trained).toMatchObject({
        name: 'api-blue',
        modelSetId: 'tiny',
        text: input.text,
        training: { steps: 4, batch: 2, optimizer: 'RANGER', seedCount: 6, coarse: true },
        job: { id: job.id },
      });
      expect(trained.paramsSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(got.trainedMappers.map((m) => m.name)).toEqual(['api-blue']);
      expect(got.modelSet.mappers).toEqual(
        expect.arrayContaining([
          { name: 'demo', trained: null },
          { name: 'api-blue', trained: { text: input.text } },
        ]),
      );
      // The official checkpoint: torch.save's zip format.
      const pt = await fetch(trained.checkpointUrl);
      expect(pt.status).toBe(200);
      expect(
        Buffer.from(await pt.arrayBuffer())
          .subarray(0, 2)
          .toString('latin1'),
      ).toBe('PK');
      // editMapper uses it at once.
      const imageId = await generate(c, 11);
      const edit = await c.ok<{ editMapper: { mapper: string; results: unknown[] } }>(
        `mutation($id: ID!) { editMapper(input: { imageId: $id, mapper: "api-blue" }) { mapper results { image { id } } } }`,
        { id: imageId },
      );
      expect(edit.editMapper).toMatchObject({ mapper: 'api-blue', results: [expect.anything()] });

      // Cancelled once training runs.
      const long = (
        await c.ok<{ trainMapper: Job }>(TRAIN, {
          i: { text: 'a smiling face', steps: 100000, seedCount: 4, idLambda: 0 },
        })
      ).trainMapper;
      let cancel: Promise<unknown> | undefined;
      const cancelled = await follow(server, long.id, (e) => {
        if (!cancel && e.training && e.done > 0) cancel = c.ok(CANCEL, { id: long.id });
      });
      await cancel;
      expect(cancelled.at(-1)!.state).toBe('CANCELLED');
      expect(cancelled.at(-1)!.done).toBeLessThan(100000);
      expect(cancelled.some((e) => e.state === 'RUNNING' && e.training?.losses)).toBe(true);
      const gone = await c.ok<{ job: { trainedMapper: null; training: { mapper: string } } }>(
        `query($id: ID!) { job(id: $id) { trainedMapper { name } training { mapper } } }`,
        { id: long.id },
      );
      expect(gone.job.trainedMapper).toBeNull();
      await server.close();
    });
  });
}
