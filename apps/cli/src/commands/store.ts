import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import {
  ConfigError,
  createLogger,
  createStudio,
  studioConfigFromEnv,
  toStudioError,
  type Deletion,
  type Studio,
} from '@styleclip/studio';
import { CliError } from '../errors';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Runs `fn` on the product's store as the API sees it: storage and models from the environment (and `.env` at the
 * repository root, as `npm start` reads it; the environment wins), so `./data` after `npm start` by default.
 */
async function withStudio<T>(fn: (studio: Studio) => Promise<T>): Promise<T> {
  const file = join(ROOT, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
  let studio: Studio;
  try {
    studio = createStudio(studioConfigFromEnv(process.env), {
      log: createLogger(process.env.STYLECLIP_LOG_LEVEL ?? 'warn'),
    });
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message);
    throw e;
  }
  try {
    return await fn(studio);
  } catch (e) {
    const known = toStudioError(e);
    if (known && known.code !== 'INTERNAL') throw new CliError(known.message);
    throw e;
  } finally {
    await studio.close(10_000);
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const describe = (d: Deletion) =>
  `${plural(d.images, 'image')}, ${plural(d.edits, 'edit')}, ${plural(d.files, 'stored file')} removed`;

/** `images delete ID` and `edits delete ID`: deletions in the product's store (what the API serves). */
export function registerStore(program: Command): void {
  const images = program
    .command('images')
    .description("images in the product's store (STYLECLIP_STORAGE: ./data by default, as npm start)");
  images
    .command('delete <id>')
    .description(
      'delete an image with its edits (and their results), and the stored files no other image uses',
    )
    .action(async (id: string) => {
      const d = await withStudio((s) => s.deletion.deleteImage(id));
      console.log(`deleted image ${id}: ${describe(d)}`);
    });

  const edits = program.command('edits').description("edits in the product's store");
  edits
    .command('delete <id>')
    .description('delete an edit with its results, and the stored files no other image uses')
    .action(async (id: string) => {
      const d = await withStudio((s) => s.deletion.deleteEdit(id));
      console.log(`deleted edit ${id}: ${describe(d)}`);
    });
}
