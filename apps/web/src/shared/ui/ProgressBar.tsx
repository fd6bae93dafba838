import { cx } from './class-names';
import styles from './ProgressBar.module.css';

/** A labelled progress bar; `value` null means indeterminate. */
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  const pct = value == null ? undefined : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className={cx(styles.progress, pct === undefined && styles.indeterminate)}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
    >
      <div className={styles.bar} style={{ width: `${pct ?? 35}%` }} />
    </div>
  );
}
