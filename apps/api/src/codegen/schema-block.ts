import { readFile } from 'node:fs/promises';
import { SCHEMA_PATH } from '@styleclip/api-contract/codegen';
import { describeParameters, PARAMETERS } from '@styleclip/studio';
import { parametersSdl, withParametersBlock } from './parameters-sdl';

/** schema.graphql as it should be: its generated block from the current parameter schema. */
export async function expectedSchema(): Promise<string> {
  return withParametersBlock(await readFile(SCHEMA_PATH, 'utf8'), parametersSdl(describeParameters(PARAMETERS)));
}
