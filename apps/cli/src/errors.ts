/** A user-facing CLI error: printed as "error: message" with exit code 1, no stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export function parseNumber(name: string, text: string, lo = -Infinity, hi = Infinity): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < lo || v > hi) {
    throw new CliError(
      `${name} must be a number${Number.isFinite(lo) ? ` in [${lo}, ${hi}]` : ''}, got "${text}"`,
    );
  }
  return v;
}
