import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from './errors';
import { FsBlobStore } from './fs-blob-store';
import { defineRecordType, RecordStore } from './records';

// An example record type, as the API will define its own (image, latent, edit, job, model set).
interface NoteV2 {
  title: string;
  tags: string[];
}
const fail = (p: string, what: string): never => {
  throw new Error(`${p}: expected ${what}`);
};
const noteV2 = (v: unknown, p: string): NoteV2 => {
  const o = (typeof v === 'object' && v !== null ? v : fail(p, 'an object')) as Record<string, unknown>;
  const title =
    typeof o.title === 'string' && o.title !== '' ? o.title : fail(`${p}.title`, 'a non-empty string');
  const tags =
    Array.isArray(o.tags) && o.tags.every((t) => typeof t === 'string')
      ? (o.tags as string[])
      : fail(`${p}.tags`, 'strings');
  return { title, tags };
};
const note = defineRecordType({
  name: 'note',
  version: 2,
  validate: noteV2,
  // v1 had { text } only; v2 renamed it to title and added tags.
  migrations: { 1: (old) => ({ title: (old as { text: string }).text, tags: [] }) },
});
const counter = defineRecordType({
  name: 'counter',
  version: 1,
  validate: (v, p) => (Number.isInteger(v) ? (v as number) : fail(p, 'an integer')),
});

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

let blobs: FsBlobStore;
let store: RecordStore<[typeof note, typeof counter]>;
const NOW = new Date('2026-01-02T03:04:05.000Z');
const enc = (v: unknown): Uint8Array =>
  new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

beforeEach(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'styleclip-records-'));
  dirs.push(dir);
  blobs = new FsBlobStore(dir);
  store = new RecordStore(blobs, [note, counter], { now: () => NOW });
});

async function codeOf(p: Promise<unknown>): Promise<[string, string]> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StorageError);
  return [(e as StorageError).code, (e as StorageError).message];
}

describe('defineRecordType', () => {
  it('refuses bad names, versions and migrations', () => {
    const validate = (v: unknown) => v;
    expect(() => defineRecordType({ name: 'Bad Name', version: 1, validate })).toThrow(/name/);
    expect(() => defineRecordType({ name: 'x', version: 0, validate })).toThrow(/version/);
    expect(() => defineRecordType({ name: 'x', version: 2, validate, migrations: { 2: validate } })).toThrow(
      /migration/,
    );
  });
});

describe('RecordStore', () => {
  it('writes the envelope under records/<type>/<id>.json and reads it back', async () => {
    const written = await store.put('note', 'n1', { title: 'hello', tags: ['a'] });
    expect(written).toEqual({
      type: 'note',
      id: 'n1',
      value: { title: 'hello', tags: ['a'] },
      updatedAt: NOW.toISOString(),
    });
    const raw = JSON.parse(new TextDecoder().decode(await blobs.get('records/note/n1.json')));
    expect(raw).toEqual({
      schemaVersion: 2,
      type: 'note',
      id: 'n1',
      value: { title: 'hello', tags: ['a'] },
      updatedAt: NOW.toISOString(),
    });
    expect((await blobs.head('records/note/n1.json'))?.contentType).toBe('application/json');
    expect(await store.get('note', 'n1')).toEqual(written);
    expect(await store.get('note', 'missing')).toBeUndefined();
    await store.delete('note', 'n1');
    expect(await store.get('note', 'n1')).toBeUndefined();
  });

  it('validates on write, naming the field', async () => {
    const [code, message] = await codeOf(store.put('note', 'n2', { title: '', tags: [] }));
    expect(code).toBe('invalid_argument');
    expect(message).toMatch(/note\(n2\)\.title: expected a non-empty string/);
    expect(await blobs.exists('records/note/n2.json')).toBe(false);
  });

  it('validates on read: a stored value that fails is corrupt', async () => {
    await blobs.put(
      'records/note/bad.json',
      enc({ schemaVersion: 2, type: 'note', id: 'bad', value: { title: 'x', tags: [1] }, updatedAt: 'x' }),
    );
    const [code, message] = await codeOf(store.get('note', 'bad'));
    expect(code).toBe('corrupt');
    expect(message).toMatch(/records\/note\/bad\.json is corrupt: validation failed: note\(bad\)\.tags/);
  });

  it('migrates a v1 document forward on read', async () => {
    await blobs.put(
      'records/note/old.json',
      enc({
        schemaVersion: 1,
        type: 'note',
        id: 'old',
        value: { text: 'from v1' },
        updatedAt: '2020-01-01T00:00:00.000Z',
      }),
    );
    expect(await store.get('note', 'old')).toEqual({
      type: 'note',
      id: 'old',
      value: { title: 'from v1', tags: [] },
      updatedAt: '2020-01-01T00:00:00.000Z',
      migratedFrom: 1,
    });
    // A v1 document the migration cannot handle is corrupt, and says which step failed.
    await blobs.put(
      'records/note/odd.json',
      enc({ schemaVersion: 1, type: 'note', id: 'odd', value: null, updatedAt: 'x' }),
    );
    const [code, message] = await codeOf(store.get('note', 'odd'));
    expect(code).toBe('corrupt');
    expect(message).toMatch(/migration of note from version 1 to 2 failed/);
  });

  it('refuses documents from a newer schema version', async () => {
    await blobs.put(
      'records/note/new.json',
      enc({ schemaVersion: 3, type: 'note', id: 'new', value: {}, updatedAt: 'x' }),
    );
    const [code, message] = await codeOf(store.get('note', 'new'));
    expect(code).toBe('incompatible_version');
    expect(message).toMatch(/schemaVersion 3, newer than the 2 this build understands/);
  });

  it('reports corrupt JSON and bad envelopes as corrupt', async () => {
    const cases: [string, string | object, RegExp][] = [
      ['trunc', '{"schemaVersion": 2, "type": "no', /not valid JSON/],
      ['arr', [], /not a JSON object/],
      ['nover', { type: 'note', id: 'nover', value: {}, updatedAt: 'x' }, /schemaVersion undefined/],
      [
        'wrongtype',
        { schemaVersion: 1, type: 'counter', id: 'wrongtype', value: 1, updatedAt: 'x' },
        /type is "counter"/,
      ],
      [
        'wrongid',
        { schemaVersion: 2, type: 'note', id: 'other', value: {}, updatedAt: 'x' },
        /id is "other"/,
      ],
    ];
    for (const [id, body, why] of cases) {
      await blobs.put(`records/note/${id}.json`, enc(body));
      const [code, message] = await codeOf(store.get('note', id));
      expect(code, id).toBe('corrupt');
      expect(message, id).toMatch(why);
    }
    await blobs.put('records/note/binary.json', Uint8Array.of(0xff, 0xfe, 0x00));
    expect((await codeOf(store.get('note', 'binary')))[0]).toBe('corrupt');
  });

  it('lists ids and records in pages', async () => {
    for (let i = 0; i < 5; i++) await store.put('counter', `c${i}`, i);
    await store.put('note', 'n', { title: 't', tags: [] });
    const seen: number[] = [];
    let cursor: string | undefined;
    const pages: string[][] = [];
    do {
      const page = await store.list('counter', { limit: 2, cursor });
      pages.push(page.records.map((r) => r.id));
      seen.push(...page.records.map((r) => r.value));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([['c0', 'c1'], ['c2', 'c3'], ['c4']]);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(await store.listIds('note')).toEqual({ ids: ['n'] });
  });

  it('refuses unknown types and bad ids', async () => {
    const [code1] = await codeOf(store.get('nope' as 'note', 'x'));
    expect(code1).toBe('invalid_argument');
    for (const id of ['', '../x', 'a/b', '.hidden', 'x'.repeat(201)]) {
      const [code] = await codeOf(store.put('counter', id, 1));
      expect(code, id).toBe('invalid_key');
    }
  });
});
