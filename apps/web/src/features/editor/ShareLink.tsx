'use client';
import { useId, useState, useSyncExternalStore } from 'react';
import styles from './ShareLink.module.css';

const noSubscribe = () => () => undefined;

/** A copyable link to an edit's page. */
export function ShareLink({ editId }: { editId: string }) {
  const id = useId();
  const origin = useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => '',
  );
  const url = `${origin}/edits/${editId}`;
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  };

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Share this edit
      </label>
      <div className={styles.share}>
        <input
          id={id}
          className="input"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="share-url"
        />
        <button type="button" className="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <span role="status" className="visually-hidden">
        {copied ? 'Link copied' : ''}
      </span>
    </div>
  );
}
