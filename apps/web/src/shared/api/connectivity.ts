// Whether the API is reachable, as seen by this browser tab. Requests report what they saw; the banner
// subscribes (useSyncExternalStore) and probes with backoff while the API is down.

export interface ConnectivityState {
  reachable: boolean;
  /** When the API was first seen down in the current outage (ms since epoch), or null. */
  downSince: number | null;
  /** True for a few seconds after an outage ended (for a "reconnected" note). */
  justRecovered: boolean;
}

export const RECOVERED_NOTE_MS = 5000;

let state: ConnectivityState = { reachable: true, downSince: null, justRecovered: false };
let recoveredTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function set(next: ConnectivityState): void {
  state = next;
  for (const l of listeners) l();
}

export function reportUnreachable(now = Date.now()): void {
  if (!state.reachable) return;
  clearTimeout(recoveredTimer);
  set({ reachable: false, downSince: now, justRecovered: false });
}

export function reportReachable(): void {
  if (state.reachable) return;
  set({ reachable: true, downSince: null, justRecovered: true });
  clearTimeout(recoveredTimer);
  recoveredTimer = setTimeout(() => {
    if (state.reachable) set({ ...state, justRecovered: false });
  }, RECOVERED_NOTE_MS);
}

export function getConnectivity(): ConnectivityState {
  return state;
}

export function subscribeConnectivity(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
