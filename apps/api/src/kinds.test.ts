import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { expect, it } from 'vitest';
import { typeDefs } from '@styleclip/api-contract';
import { createStudio, silentLogger, studioConfigFromEnv } from '@styleclip/studio';

it('every job kind the core registers is a JobKind of the schema (the resolver relies on it)', async () => {
  const root = await mkdtemp(join(tmpdir(), 'kinds-'));
  const studio = createStudio(studioConfigFromEnv({ STYLECLIP_DATA_DIR: root, STYLECLIP_MODELS_DIR: root }), {
    log: silentLogger(),
  });
  try {
    const e = buildSchema(typeDefs).getType('JobKind');
    expect(isEnumType(e)).toBe(true);
    const values = isEnumType(e) ? e.getValues().map((v) => v.name) : [];
    expect(studio.kinds.names().length).toBeGreaterThan(0);
    expect(studio.kinds.names().filter((k) => !values.includes(k))).toEqual([]);
  } finally {
    await studio.close(1000);
    await rm(root, { recursive: true, force: true });
  }
});
