'use client';
import { useId, type ReactNode } from 'react';
import styles from './Slider.module.css';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  format?: (value: number) => string;
  hint?: ReactNode;
  disabled?: boolean;
  name?: string;
}

/** A labelled native range input (keyboard and screen-reader friendly) with its value shown. */
export function Slider({ label, value, min, max, step, onChange, format, hint, disabled, name }: Props) {
  const id = useId();
  const shown = format ? format(value) : String(value);
  return (
    <div className={styles.slider}>
      <div className={styles.top}>
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        <output className={styles.value} htmlFor={id} data-testid={name ? `${name}-value` : undefined}>
          {shown}
        </output>
      </div>
      <input
        id={id}
        name={name}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        aria-valuetext={shown}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      {hint && (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}
