'use client';
import { useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { getSavedApiKey, saveApiKey } from '../../shared/api/api-key';
import { ThemeToggle } from './ThemeToggle';

const noSubscribe = () => () => undefined;

export function SettingsForm() {
  const id = useId();
  const saved = useSyncExternalStore(noSubscribe, getSavedApiKey, () => '');
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const value = draft ?? saved;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    saveApiKey(value);
    setDraft(null);
    setMessage(value.trim() ? 'API key saved in this browser.' : 'API key removed.');
  };

  return (
    <div className="stack" style={{ maxWidth: 640 }}>
      <form className="panel stack" onSubmit={submit}>
        <h2>API key</h2>
        <p className="muted small">
          When the service requires a key for changes (generating, uploading, editing), enter yours here. It
          is sent with each request from this browser and never shown to others.
        </p>
        <div className="field">
          <label className="field__label" htmlFor={id}>
            API key
          </label>
          <input
            id={id}
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => {
              setDraft(e.target.value);
              setMessage(null);
            }}
          />
        </div>
        <div className="row">
          <button type="submit" className="button button--primary">
            Save
          </button>
          <span role="status" className="small muted">
            {message}
          </span>
        </div>
      </form>
      <section className="panel row">
        <div>
          <h2>Appearance</h2>
          <p className="muted small">
            Follows your system by default; the button switches between system, light and dark.
          </p>
        </div>
        <span className="spacer" />
        <ThemeToggle />
      </section>
    </div>
  );
}
