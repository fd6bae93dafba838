import type { Runtime } from '@styleclip/model-runners';

/**
 * Wraps a runtime so every model it loads records the execution provider actually used (the runner falls back
 * to CPU when CUDA is unavailable; a parity check must not compare CPU with CPU and call it CUDA).
 */
export function trackProviders(runtime: Runtime): { runtime: Runtime; providers: Map<string, string> } {
  const providers = new Map<string, string>();
  return {
    providers,
    runtime: {
      ...runtime,
      load: async (name, source) => {
        const handle = await runtime.load(name, source);
        providers.set(name, handle.executionProvider);
        return handle;
      },
    },
  };
}
