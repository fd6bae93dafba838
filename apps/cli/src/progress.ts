/**
 * A progress bar on stderr, with ETA: a redrawn line on a TTY; otherwise (logs, CI) a plain line at most every 10%
 * of the way (and at the end), never one per step.
 */
export class Progress {
  private readonly start = Date.now();
  /** The last tenth of the way printed without a TTY (-1: none yet). */
  private lastTenth = -1;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, total: number, note = ''): void {
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const elapsed = (Date.now() - this.start) / 1000;
    const eta = frac > 0 && frac < 1 ? ` ETA ${formatSeconds((elapsed / frac) * (1 - frac))}` : '';
    const width = 24;
    const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
    const line = `${this.label} [${bar}] ${done}/${total} ${formatSeconds(elapsed)}${eta}${note ? `  ${note}` : ''}`;
    if (this.stream.isTTY) this.stream.write(`\r${line}\x1b[K`);
    else {
      const tenth = Math.floor(frac * 10);
      if (tenth <= this.lastTenth) return;
      this.lastTenth = tenth;
      this.stream.write(line + '\n');
    }
  }

  done(note = 'done'): void {
    const line = `${this.label} ${note} in ${formatSeconds((Date.now() - this.start) / 1000)}`;
    this.stream.write(this.stream.isTTY ? `\r${line}\x1b[K\n` : line + '\n');
  }
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${Math.round(s % 60)}s`;
  return `${Math.floor(m / 60)}h${m % 60}m`;
}
