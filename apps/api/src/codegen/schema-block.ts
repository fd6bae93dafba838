import { readFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { SCHEMA_PATH } from '@styleclip/api-contract/codegen';
import { describeParameters, PARAMETERS } from '@styleclip/studio';
import { parametersSdl, withParametersBlock } from './parameters-sdl';

/**
 * schema.graphql as it should be: its generated block from the current parameter schema, the whole file as
 * Prettier formats it (so `npm run format` and the generator agree).
 */
export async function expectedSchema(): Promise<string> {
  const sdl = withParametersBlock(
    await readFile(SCHEMA_PATH, 'utf8'),
    parametersSdl(describeParameters(PARAMETERS)),
  );
  const options = (await resolveConfig(SCHEMA_PATH)) ?? {};
  return format(sdl, { ...options, filepath: SCHEMA_PATH, parser: 'graphql' });
}
