'use client';
// A destructive action behind a confirmation: the first button only asks; the action runs on "confirm", shows
// that it is working, and a failure is reported in place (nothing is lost: the user can try again or keep).
import { useId, useState } from 'react';
import { userMessage } from '../api/errors';

export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
}: {
  /** The first button, e.g. "Delete image". */
  label: string;
  /** What will happen, asked before anything does, e.g. "Delete this image and its 2 edits?". */
  question: string;
  /** The confirming button, e.g. "Delete". */
  confirmLabel: string;
  /** The action; a rejection is shown as the API error's message. */
  onConfirm: () => Promise<void>;
}) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setAsking(false);
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!asking)
    return (
      <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <div
      className="alert alert--error stack"
      role="alertdialog"
      aria-labelledby={`${id}-q`}
      style={{ gap: 8 }}
    >
      <span id={`${id}-q`}>{question} This cannot be undone.</span>
      <div className="row">
        <button type="button" className="button button--danger" onClick={confirm} disabled={busy}>
          {busy ? 'Deleting…' : confirmLabel}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setAsking(false);
            setError(null);
          }}
          disabled={busy}
        >
          Keep it
        </button>
      </div>
      {error && (
        <span role="alert" data-testid="confirm-error">
          {error}
        </span>
      )}
    </div>
  );
}
