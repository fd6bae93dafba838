const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What `waitServing` watches besides the URL: the process that should be serving it. */
export interface Watched {
  readonly exitCode: number | null;
  readonly signalCode?: NodeJS.Signals | null;
}

/**
 * Resolves once `url` answers with `ok(status)` (default: 2xx), polling every `intervalMs`; rejects as soon as
 * `child` exits (naming `what`), or after `timeoutMs`. `npm start` prints its `ready:` lines only after this, so
 * "ready" means the page really loads, not that a process was spawned.
 */
export async function waitServing(
  url: string,
  child: Watched,
  o: { what: string; timeoutMs: number; intervalMs?: number; ok?: (status: number) => boolean },
): Promise<void> {
  const ok = o.ok ?? ((s: number) => s >= 200 && s < 300);
  const t0 = Date.now();
  let last: string; // what the last poll saw, for the timeout message
  for (;;) {
    if (child.exitCode !== null || child.signalCode)
      throw new Error(
        `${o.what} exited (${child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode}) before serving ${url}; see its messages above`,
      );
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'manual' });
      await res.body?.cancel();
      if (ok(res.status)) return;
      last = `HTTP ${res.status}`;
    } catch {
      last = 'no answer yet';
    }
    if (Date.now() - t0 > o.timeoutMs)
      throw new Error(`${o.what} did not serve ${url} within ${Math.round(o.timeoutMs / 1000)} s (${last})`);
    await sleep(o.intervalMs ?? 250);
  }
}
