'use client';
// Admin action: compute a model set's S statistics and channel-relevance table as a job, with live progress.
import { useId, useState, type FormEvent } from 'react';
import { request } from '../../shared/api/client';
import { userMessage } from '../../shared/api/errors';
import { useQuery } from '../../shared/api/use-query';
import type { Job } from '../jobs/operations';
import { JobProgress } from '../jobs/JobProgress';
import { PrecomputeDirectionsMutation, PrecomputeLimitsQuery, type ModelSet } from './operations';

export function PrecomputeDirections({ modelSet, onDone }: { modelSet: ModelSet; onDone: () => void }) {
  const id = useId();
  // Ranges and defaults are the API's (`parameters.precomputeDirections`); null: its default, until edited.
  const limits = useQuery(PrecomputeLimitsQuery, {}).data?.parameters.precomputeDirections;
  const [chosenImages, setImages] = useState<number | null>(null);
  const [chosenSamples, setSamples] = useState<number | null>(null);
  const images = chosenImages ?? limits?.images.default ?? null;
  const samples = chosenSamples ?? limits?.samples.default ?? null;
  const [job, setJob] = useState<Job | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (images === null || samples === null) return; // the button is disabled until the limits load
    setBusy(true);
    setError(null);
    try {
      const { precomputeDirections } = await request(PrecomputeDirectionsMutation, {
        input: { modelSetId: modelSet.id, images, samples },
      });
      setJob(precomputeDirections);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <div>
        <h2 id={`${id}-title`}>Precompute directions</h2>
        <p className="muted small">
          Text edits need per-channel statistics of the generator. This runs as a job; you can leave the page
          and follow it under Jobs.
        </p>
      </div>
      <form className="stack" onSubmit={start}>
        <div className="form-row">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-images`}>
              Images
            </label>
            <input
              id={`${id}-images`}
              className="input"
              type="number"
              min={limits?.images.min ?? undefined}
              max={limits?.images.max ?? undefined}
              value={images ?? ''}
              onChange={(e) => setImages(Number(e.target.value))}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-samples`}>
              Style samples
            </label>
            <input
              id={`${id}-samples`}
              className="input"
              type="number"
              min={limits?.samples.min ?? undefined}
              max={limits?.samples.max ?? undefined}
              step={100}
              value={samples ?? ''}
              onChange={(e) => setSamples(Number(e.target.value))}
            />
          </div>
        </div>
        <div className="row">
          <button
            type="submit"
            className="button button--primary"
            disabled={
              busy ||
              images === null ||
              samples === null ||
              (job !== null && (job.state === 'QUEUED' || job.state === 'RUNNING'))
            }
          >
            {modelSet.hasDirections ? 'Recompute directions' : 'Precompute directions'}
          </button>
        </div>
      </form>
      {job && <JobProgress key={job.id} initial={job} onFinished={onDone} />}
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
