'use client';
import { useId } from 'react';
import styles from './SegmentedControl.module.css';

interface Props<T> {
  label: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}

/** A labelled group of toggle buttons, one pressed. */
export function SegmentedControl<T>({ label, options, value, onChange }: Props<T>) {
  const id = useId();
  return (
    <div className="field">
      <span className="field__label" id={id}>
        {label}
      </span>
      <div className={styles.segmented} role="group" aria-labelledby={id}>
        {options.map((o) => (
          <button
            key={o.label}
            type="button"
            aria-pressed={o.value === value}
            onClick={() => onChange(o.value)}
          >
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}
