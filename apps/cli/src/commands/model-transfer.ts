import type { Command } from 'commander';
import {
  isTransferError,
  openRemoteUrl,
  pullModelSet,
  pushModelSet,
  type TransferResult,
} from '@styleclip/studio';
import { CliError, parseNumber } from '../errors';
import { TransferProgressBar } from '../transfer-progress';

const S3_SETTINGS =
  'S3 endpoint, region and credentials: STYLECLIP_S3_ENDPOINT, STYLECLIP_S3_REGION, STYLECLIP_S3_FORCE_PATH_STYLE, ' +
  'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the default AWS credential chain (see .env.example)';

function summary(r: TransferResult, verb: string): string {
  const count = (a: string) => r.files.filter((f) => f.action === a).length;
  const parts = [`${r.files.length} files`, `${(r.transferredBytes / 1e6).toFixed(1)} MB ${verb}`];
  if (count('kept')) parts.push(`${count('kept')} already there and verified`);
  if (count('resumed')) parts.push(`${count('resumed')} continued where an earlier run stopped`);
  return `model set ${r.id}: ${parts.join(', ')}`;
}

/** Runs a transfer; Ctrl-C stops it cleanly (what arrived is kept, the next run continues). */
async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    return await fn(stop.signal);
  } catch (e) {
    if (isTransferError(e)) throw new CliError(e.message);
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `models push` and `models pull`: model sets to and from S3. */
export function registerModelTransfer(models: Command): void {
  models
    .command('push')
    .description(`upload a model set to S3, verified against its manifest and resumable (${S3_SETTINGS})`)
    .requiredOption('--models <dir>', "the model set's folder")
    .requiredOption('--to <url>', "where the set goes: s3://bucket/prefix (the set's files under it)")
    .option('--part-size <MiB>', 'multipart part size for large files', '16')
    .option('--concurrency <n>', 'files sent at once', '4')
    .action(async (o: { models: string; to: string; partSize: string; concurrency: string }) => {
      const partSize = parseNumber('--part-size', o.partSize, 5, 5120) * 1024 * 1024;
      const concurrency = parseNumber('--concurrency', o.concurrency, 1, 32);
      await withInterrupt(async (signal) => {
        const remote = openRemoteUrl(o.to);
        const bar = new TransferProgressBar(`pushing ${o.models} to ${remote.url}`);
        try {
          const r = await pushModelSet(o.models, remote, {
            partSize: Math.round(partSize),
            concurrency,
            signal,
            onProgress: (p) => bar.update(p),
          });
          bar.done(summary(r, 'sent'));
        } finally {
          remote.objects.close();
        }
      });
    });

  models
    .command('pull')
    .description(`download a model set from S3 into a folder, verified and resumable (${S3_SETTINGS})`)
    .requiredOption('--from <url>', 's3://bucket/prefix holding the set (its manifest.json)')
    .requiredOption('--out <dir>', "the set's folder (files already there and verified are kept)")
    .option('--concurrency <n>', 'files downloaded at once', '4')
    .action(async (o: { from: string; out: string; concurrency: string }) => {
      const concurrency = parseNumber('--concurrency', o.concurrency, 1, 32);
      await withInterrupt(async (signal) => {
        const remote = openRemoteUrl(o.from);
        const bar = new TransferProgressBar(`pulling ${remote.url} into ${o.out}`);
        try {
          const r = await pullModelSet(remote, o.out, {
            concurrency,
            signal,
            onProgress: (p) => bar.update(p),
          });
          bar.done(summary(r, 'downloaded'));
        } finally {
          remote.objects.close();
        }
      });
    });
}
