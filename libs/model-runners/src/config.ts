import type { RunnerConfig } from './types';

/**
 * Reads the runner configuration from environment variables, validating each:
 * STYLECLIP_EXECUTION_PROVIDER (cpu|cuda), STYLECLIP_INTRA_OP_THREADS (≥ 1).
 */
export function runnerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<RunnerConfig> {
  const out: Partial<RunnerConfig> = {};
  const ep = env['STYLECLIP_EXECUTION_PROVIDER'];
  if (ep !== undefined && ep !== '') {
    if (ep !== 'cpu' && ep !== 'cuda')
      throw new Error(`STYLECLIP_EXECUTION_PROVIDER must be cpu or cuda, got "${ep}"`);
    out.executionProvider = ep;
  }
  const threads = env['STYLECLIP_INTRA_OP_THREADS'];
  if (threads !== undefined && threads !== '') {
    const n = Number(threads);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`STYLECLIP_INTRA_OP_THREADS must be a positive integer, got "${threads}"`);
    out.intraOpNumThreads = n;
  }
  return out;
}
