import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generatedFiles, SCHEMA_PATH } from '@styleclip/api-contract/codegen';
import { describeParameters, PARAMETERS } from '@styleclip/studio';
import { RESOLVERS_PATH, resolversCodegenConfig } from './config';
import { parametersSdl, withParametersBlock, BEGIN, END } from './parameters-sdl';
import { expectedSchema } from './schema-block';

describe('server codegen (run `npm run codegen -w @styleclip/api` if these fail)', () => {
  it("the schema's Parameters types are those of the parameter schema", async () => {
    expect(
      (await readFile(SCHEMA_PATH, 'utf8')) === (await expectedSchema()),
      'schema.graphql is stale',
    ).toBe(true);
  });

  it('src/generated/resolvers.ts is up to date with the schema', async () => {
    const expected = (await generatedFiles(resolversCodegenConfig())).get(RESOLVERS_PATH);
    expect((await readFile(RESOLVERS_PATH, 'utf8')) === expected, 'resolvers.ts is stale').toBe(true);
  }, 60_000);

  it('generates one field per parameter, typed by kind, with descriptions', () => {
    const sdl = parametersSdl(describeParameters(PARAMETERS));
    expect(sdl).toMatch(/type EditGlobalParameters \{[^}]*\n {2}alphas: FloatListParameter!/);
    expect(sdl).toMatch(/type PrecomputeDirectionsParameters \{[^}]*\n {2}layers: EnumParameter!/);
    expect(sdl).toMatch(/type PagesParameters \{[^}]*\n {2}images: IntParameter!/);
    // Replacing the block keeps what surrounds it.
    const replaced = withParametersBlock(`type Query { a: Int }\n\n${BEGIN}\nold\n${END}\ntail\n`, 'NEW\n');
    expect(replaced).toBe('type Query { a: Int }\n\nNEW\ntail\n');
  });
});
