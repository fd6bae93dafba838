import { Engine } from '@styleclip/editing';
import { createRuntime, type RunnerConfig } from '@styleclip/model-runners';
import type { ModelSetEntry } from '../model-sets/registry';

/**
 * Runs `fn` with an engine of its own for the set: its own runtime (worker thread), so a job (precompute,
 * training) never competes with requests for the server's, and everything it loaded (gigabytes of loss graphs
 * at 1024) goes when it ends.
 */
export async function withJobEngine<T>(
  set: ModelSetEntry,
  runner: Partial<RunnerConfig>,
  fn: (engine: Engine) => Promise<T>,
): Promise<T> {
  const runtime = createRuntime(runner);
  try {
    const engine = await Engine.open(set.dir, { runtime });
    try {
      return await fn(engine);
    } finally {
      await engine.close();
    }
  } finally {
    await runtime.dispose();
  }
}
