// The API key for mutations: a key saved in this browser (Settings) wins over NEXT_PUBLIC_STYLECLIP_API_KEY
// (baked in at build time). A key for all visitors is better set on the server (STYLECLIP_API_KEY), where the
// `/api` proxy adds it without exposing it.

const STORAGE_KEY = 'styleclip.apiKey';

export function getApiKey(): string | undefined {
  if (typeof window !== 'undefined') {
    try {
      const saved = window.localStorage.getItem(STORAGE_KEY);
      if (saved) return saved;
    } catch {
      // Storage can be disabled (private mode); fall through to the build-time key.
    }
  }
  return process.env.NEXT_PUBLIC_STYLECLIP_API_KEY || undefined;
}

export function getSavedApiKey(): string {
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
