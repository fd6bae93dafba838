import { MANIFEST_FILE } from '@styleclip/model-sets';
import type { Logger } from '../../log';
import { ModelSetTransferError } from './errors';
import { pullModelSet } from './pull';
import { openRemoteSet, remoteAt, transferFailure, type ModelSetSource, type RemoteSet } from './remote-set';

export interface PulledSet {
  id: string;
  url: string;
  dir: string;
  transferredBytes: number;
  totalBytes: number;
  ms: number;
}

/** The sets under `parent` (`s3://bucket/prefix/*`): every `<prefix><name>/manifest.json`. */
async function setsUnder(parent: RemoteSet): Promise<RemoteSet[]> {
  const found: RemoteSet[] = [];
  let cursor: string | undefined;
  do {
    let page;
    try {
      page = await parent.objects.list(parent.prefix, cursor ? { cursor } : {});
    } catch (e) {
      throw transferFailure(`listing ${parent.url}*`, e);
    }
    for (const { key } of page.objects) {
      const rest = key.slice(parent.prefix.length).split('/');
      if (rest.length === 2 && rest[1] === MANIFEST_FILE)
        found.push(remoteAt(parent, `${parent.prefix}${rest[0]}/`));
    }
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/**
 * Pulls the model sets STYLECLIP_MODEL_SETS names into the models folder (`<modelsDir>/<set id>`), at the start of
 * an API server or worker: each URL is one set (`s3://bucket/models/ffhq1024`) or every set under a prefix
 * (`s3://bucket/models/*`). Files already there and verified are kept (a restart re-hashes and downloads
 * nothing); interrupted downloads continue. Endpoint and credentials: the product's S3 configuration.
 */
export async function pullConfiguredModelSets(
  sources: readonly ModelSetSource[],
  modelsDir: string,
  o: { log: Logger; signal?: AbortSignal },
): Promise<PulledSet[]> {
  const pulled: PulledSet[] = [];
  const byId = new Map<string, string>();
  for (const source of sources) {
    const root = openRemoteSet(source.s3);
    try {
      const sets = source.everySetUnder ? await setsUnder(root) : [root];
      if (source.everySetUnder && sets.length === 0)
        o.log.warn({ url: source.url }, 'no model sets under this URL yet');
      for (const set of sets) {
        o.log.info({ url: set.url, into: modelsDir }, 'pulling model set');
        let lastLog = 0;
        const r = await pullModelSet(
          set,
          { modelsDir },
          {
            ...(o.signal ? { signal: o.signal } : {}),
            onProgress: (p) => {
              const now = performance.now();
              if (now - lastLog < 10_000) return; // one line per 10 s: progress of a long cold start
              lastLog = now;
              o.log.info(
                { url: set.url, mb: Math.round(p.done / 1e6), ofMb: Math.round(p.total / 1e6) },
                'pulling model set',
              );
            },
          },
        );
        const other = byId.get(r.id);
        if (other && other !== set.url)
          throw new ModelSetTransferError(
            'invalid',
            `${set.url} and ${other} both hold model set ${JSON.stringify(r.id)}; name each set once`,
          );
        byId.set(r.id, set.url);
        const kept = r.files.filter((f) => f.action === 'kept').length;
        o.log.info(
          {
            modelSet: r.id,
            url: set.url,
            dir: r.dir,
            files: r.files.length,
            kept,
            resumed: r.files.filter((f) => f.action === 'resumed').length,
            transferredBytes: r.transferredBytes,
            totalBytes: r.totalBytes,
            ms: Math.round(r.ms),
          },
          kept === r.files.length ? 'model set verified in the local cache' : 'model set pulled',
        );
        pulled.push({
          id: r.id,
          url: set.url,
          dir: r.dir,
          transferredBytes: r.transferredBytes,
          totalBytes: r.totalBytes,
          ms: r.ms,
        });
      }
    } finally {
      root.objects.close();
    }
  }
  return pulled;
}
