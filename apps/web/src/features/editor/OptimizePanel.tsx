'use client';
// Latent optimization (StyleCLIP's third method): the image's latent is optimized toward a text as a job, with
// the loss curve and a preview updating live; when it ends the stage shows the before/after of the stored edit,
// whose image is a new base for any edit.
import { useCallback, useId, useState, type FormEvent } from 'react';
import { request } from '../../shared/api/client';
import { userMessage } from '../../shared/api/errors';
import { useQuery } from '../../shared/api/use-query';
import { isActive } from '../jobs/job-state';
import { TrainingJobView } from '../training/TrainingJobView';
import { OptimizeLatentMutation, TrainingParametersQuery, type TrainingJob } from '../training/operations';
import type { EditDetail, EditorImage } from './operations';

interface Props {
  image: EditorImage;
  /** The job stored its edit: show it on the stage. */
  onResult: (edit: EditDetail) => void;
}

export function OptimizePanel({ image, onResult }: Props) {
  const id = useId();
  const params = useQuery(TrainingParametersQuery, {});
  const d = params.data?.parameters.optimizeLatent;
  const [text, setText] = useState('');
  const [steps, setSteps] = useState<number | null>(null);
  const [mode, setMode] = useState<'EDIT' | 'FREE'>('EDIT');
  const [l2, setL2] = useState<number | null>(null);
  const [idLambda, setIdLambda] = useState<number | null>(null);
  const [job, setJob] = useState<TrainingJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinished = useCallback((j: TrainingJob) => j.edit && onResult(j.edit), [onResult]);

  if (image.latent?.space === 'S') {
    return (
      <p className="alert alert--info">
        This image is the result of a text edit (a StyleSpace latent). Latent optimization starts from a W+
        latent: optimize the original face, a generated face, or a mapper or optimization result.
      </p>
    );
  }

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input = {
        imageId: image.id,
        text,
        mode,
        ...(steps != null ? { steps } : {}),
        ...(l2 != null ? { l2Lambda: l2 } : {}),
        ...(idLambda != null ? { idLambda } : {}),
      };
      setJob((await request(OptimizeLatentMutation, { input })).optimizeLatent);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const running = job !== null && isActive(job);

  return (
    <div className="stack" style={{ gap: 20 }}>
      <form className="stack" onSubmit={start} aria-label="Optimize toward a text">
        <p className="small muted">
          Optimizes this face’s latent toward the text, step by step: follows the text most closely of the
          three methods, and takes a while (a job; you can leave and follow it under Jobs).
        </p>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-text`}>
            Text
          </label>
          <input
            id={`${id}-text`}
            className="input"
            value={text}
            required
            maxLength={300}
            placeholder="a person with purple hair"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="form-row">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-steps`}>
              Steps
            </label>
            <input
              id={`${id}-steps`}
              className="input"
              type="number"
              min={d?.steps.min ?? 1}
              max={d?.steps.max ?? undefined}
              value={steps ?? d?.steps.default ?? ''}
              onChange={(e) => setSteps(e.target.value === '' ? null : Number(e.target.value))}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-mode`}>
              Mode
            </label>
            <select
              id={`${id}-mode`}
              className="select"
              value={mode}
              onChange={(e) => setMode(e.target.value as 'EDIT' | 'FREE')}
            >
              <option value="EDIT">Edit (stay close to the face)</option>
              <option value="FREE">Free generation (text only)</option>
            </select>
          </div>
        </div>
        {mode === 'EDIT' && (
          <div className="form-row">
            <div className="field">
              <label className="field__label" htmlFor={`${id}-l2`}>
                λ L2 (latent distance)
              </label>
              <input
                id={`${id}-l2`}
                className="input"
                type="number"
                min={0}
                step="any"
                value={l2 ?? d?.l2Lambda.default ?? ''}
                onChange={(e) => setL2(e.target.value === '' ? null : Number(e.target.value))}
              />
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-id`}>
                λ ID (identity)
              </label>
              <input
                id={`${id}-id`}
                className="input"
                type="number"
                min={0}
                step="any"
                value={idLambda ?? d?.idLambda.default ?? ''}
                onChange={(e) => setIdLambda(e.target.value === '' ? null : Number(e.target.value))}
              />
            </div>
          </div>
        )}
        <div className="row">
          <button type="submit" className="button button--primary" disabled={busy || running || !text.trim()}>
            Optimize
          </button>
        </div>
      </form>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      {job && <TrainingJobView key={job.id} initial={job} onFinished={onFinished} />}
    </div>
  );
}
