// The API key for mutations: a key saved in this browser (Settings) wins over NEXT_PUBLIC_STYLECLIP_API_KEY
// (baked in at build time). A key for all visitors is better set on the server (STYLECLIP_API_KEY), where the
// `/api` proxy adds it without exposing it.

const STORAGE_KEY = 'styleclip.apiKey';

/** The key to send: the saved one, else the build-time one. */
export function getApiKey(): string | undefined {
  return getSavedApiKey() || process.env.NEXT_PUBLIC_STYLECLIP_API_KEY || undefined;
}

/** The key saved in this browser ('' when none, on the server, or when storage is disabled, e.g. private mode). */
export function getSavedApiKey(): string {
  if (typeof window === 'undefined') return '';
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveApiKey(key: string): void {
  const trimmed = key.trim();
  if (trimmed) window.localStorage.setItem(STORAGE_KEY, trimmed);
  else window.localStorage.removeItem(STORAGE_KEY);
}
