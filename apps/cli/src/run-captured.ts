// Tests run the CLI in process (runCli, as main.ts does) and look at what it printed.
import { vi } from 'vitest';
import { runCli } from './program';

export interface CliRun {
  /** The exit code runCli returned. */
  code: number;
  /** What went to console.log (one line per call). */
  out: string;
  /** What went to stderr (errors, warnings, progress). */
  err: string;
}

/** Runs `styleclip <args>` in this process, capturing its console output and stderr. */
export async function runCliCaptured(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const log = vi
    .spyOn(console, 'log')
    .mockImplementation((...a: unknown[]) => void (out += a.join(' ') + '\n'));
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  try {
    return { code: await runCli(args), out, err };
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
}
