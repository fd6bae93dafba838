'use client';
import { useSyncExternalStore } from 'react';
import { getTheme, setTheme, subscribeTheme, type ThemeChoice } from './theme';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const ICON: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };
const LABEL: Record<ThemeChoice, string> = { system: 'system', light: 'light', dark: 'dark' };

/** Cycles the colour theme: system → light → dark. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribeTheme, getTheme, () => 'system' as ThemeChoice);
  return (
    <button
      type="button"
      className="button button--ghost button--icon"
      onClick={() => setTheme(NEXT[theme])}
      aria-label={`Colour theme: ${LABEL[theme]}. Switch to ${LABEL[NEXT[theme]]}.`}
      title={`Theme: ${LABEL[theme]}`}
    >
      <span aria-hidden="true">{ICON[theme]}</span>
    </button>
  );
}
