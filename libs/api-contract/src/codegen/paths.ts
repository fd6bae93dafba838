import { fileURLToPath } from 'node:url';

/** The schema the generator reads. */
export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
/** The file it writes. */
export const GENERATED_PATH = fileURLToPath(new URL('../generated/types.ts', import.meta.url));
