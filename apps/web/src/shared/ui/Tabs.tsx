'use client';
import { useRef, type KeyboardEvent } from 'react';
import styles from './Tabs.module.css';

interface Props {
  label: string;
  tabs: { id: string; label: string }[];
  value: string;
  onChange: (id: string) => void;
}

/** An ARIA tab list: arrow keys move between tabs (automatic activation). */
export function Tabs({ label, tabs, value, onChange }: Props) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const target =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? tabs.length - 1
          : delta
            ? (index + delta + tabs.length) % tabs.length
            : -1;
    if (target < 0) return;
    e.preventDefault();
    onChange(tabs[target]!.id);
    refs.current[target]?.focus();
  };
  return (
    <div className={styles.tabs} role="tablist" aria-label={label}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={t.id === value}
          aria-controls={`panel-${t.id}`}
          tabIndex={t.id === value ? 0 : -1}
          onClick={() => onChange(t.id)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
