import type { TransferProgress } from '@styleclip/studio';
import { formatSeconds } from './progress';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/**
 * Progress of a push or pull on stderr: on a terminal a bar redrawn at most 10 times a second (bytes, rate, ETA,
 * the file being sent); otherwise a line per 10% of the bytes or per 30 s, whichever comes first, so logs of
 * a long transfer stay short.
 */
export class TransferProgressBar {
  private readonly start: number;
  private lastDraw = -Infinity;
  private lastDecile = -1;
  private lastLine = -Infinity;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.start = this.now();
  }

  update(p: TransferProgress): void {
    const t = this.now();
    const elapsed = (t - this.start) / 1000;
    const frac = p.total > 0 ? p.done / p.total : 1;
    if (this.stream.isTTY) {
      if (t - this.lastDraw < 100 && p.done < p.total) return;
      this.lastDraw = t;
      const rate = elapsed > 0 ? p.done / elapsed : 0;
      const eta = rate > 0 && frac < 1 ? ` ETA ${formatSeconds((p.total - p.done) / rate)}` : '';
      const bar = '#'.repeat(Math.round(frac * 24)).padEnd(24, '.');
      this.stream.write(
        `\r${this.label} [${bar}] ${mb(p.done)}/${mb(p.total)} MB ${mb(rate)} MB/s${eta}  ${p.file}\x1b[K`,
      );
      return;
    }
    const decile = Math.floor(frac * 10);
    if (decile === this.lastDecile && t - this.lastLine < 30_000) return;
    this.lastDecile = decile;
    this.lastLine = t;
    this.stream.write(
      `${this.label}: ${mb(p.done)}/${mb(p.total)} MB (${Math.floor(frac * 100)}%) after ${formatSeconds(elapsed)}\n`,
    );
  }

  done(summary: string): void {
    if (this.stream.isTTY) this.stream.write('\r\x1b[K');
    this.stream.write(`${this.label}: ${summary} in ${formatSeconds((this.now() - this.start) / 1000)}\n`);
  }
}
