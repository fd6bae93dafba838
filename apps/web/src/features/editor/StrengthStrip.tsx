'use client';
import type { EditDetail } from './operations';
import { formatAlpha } from './format';
import styles from './StrengthStrip.module.css';

/** The results of one edit side by side (one per α); picking one shows it in the comparison. */
export function StrengthStrip({
  edit,
  selected,
  onSelect,
}: {
  edit: EditDetail;
  selected: number;
  onSelect: (index: number) => void;
}) {
  return (
    <div className={styles.strip} role="group" aria-label="Results by strength" data-testid="strength-strip">
      {edit.results.map((r, i) => (
        <button
          key={r.image.id}
          type="button"
          aria-pressed={i === selected}
          onClick={() => onSelect(i)}
          aria-label={`Show α ${formatAlpha(r.alpha)}`}
        >
          <img src={r.image.url} alt="" />
          <span>α {formatAlpha(r.alpha)}</span>
        </button>
      ))}
    </div>
  );
}
