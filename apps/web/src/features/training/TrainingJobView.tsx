'use client';
// A training job followed live (polled every second while it runs): its state, progress and ETA, the last
// step's loss terms, the loss curve, the evaluations of a mapper training, and the latest preview; cancellable.
import { useEffect, useRef, useState } from 'react';
import { request } from '../../shared/api/client';
import { userMessage } from '../../shared/api/errors';
import { formatDuration } from '../../shared/format';
import { useQuery } from '../../shared/api/use-query';
import { ProgressBar } from '../../shared/ui/ProgressBar';
import { CancelJobMutation } from '../jobs/operations';
import { isActive, JOB_KIND_LABEL, JOB_STATE_LABEL } from '../jobs/job-state';
import { LossChart } from './LossChart';
import { TrainingJobQuery, type TrainingJob } from './operations';

const TERMS = ['total', 'clip', 'l2', 'id', 'lr'] as const;
/** Five significant digits: ranges of nearly flat curves stay readable (each curve is drawn on its own range). */
const fmt = (v: number) =>
  Math.abs(v) >= 0.01 || v === 0 ? String(Number(v.toPrecision(5))) : v.toExponential(3);

export function TrainingJobView({
  initial,
  onFinished,
}: {
  initial: TrainingJob;
  onFinished?: (job: TrainingJob) => void;
}) {
  const [polling, setPolling] = useState(isActive(initial));
  const { data } = useQuery(TrainingJobQuery, { id: initial.id }, { pollMs: polling ? 1000 : undefined });
  const job = data?.job ?? initial;
  const active = isActive(job);
  if (!active && polling) setPolling(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);

  const finished = useRef(!isActive(initial));
  useEffect(() => {
    if (active || finished.current) return;
    finished.current = true;
    onFinished?.(job);
  }, [active, job, onFinished]);

  const cancel = async () => {
    setCancelling(true);
    setCancelError(null);
    try {
      await request(CancelJobMutation, { id: job.id });
    } catch (error) {
      setCancelError(userMessage(error));
    } finally {
      setCancelling(false);
    }
  };

  const t = job.training;
  const evals = t?.evaluations ?? [];
  return (
    <div className="stack" style={{ gap: 12 }} data-testid="training-job" data-job-state={job.state}>
      <div className="row small">
        <strong>{JOB_KIND_LABEL[job.kind] ?? job.kind}</strong>
        <span className={`badge${active ? ' badge--accent' : ''}`}>{JOB_STATE_LABEL[job.state]}</span>
        {job.phase && <span className="muted">{job.phase}</span>}
        <span className="spacer" />
        {t && (
          <span className="muted" data-testid="training-step">
            step {t.step} / {t.steps}
            {active && job.etaSeconds != null && ` · about ${formatDuration(job.etaSeconds)} left`}
          </span>
        )}
        {active && (
          <button type="button" className="button button--small" onClick={cancel} disabled={cancelling}>
            Cancel
          </button>
        )}
      </div>
      <ProgressBar label="Training progress" value={job.state === 'QUEUED' ? null : job.progress} />
      {t?.losses && (
        <dl className="row small" style={{ flexWrap: 'wrap', gap: 16, margin: 0 }} data-testid="loss-terms">
          {TERMS.map((k) =>
            t.losses![k] == null ? null : (
              <div key={k}>
                <dt className="muted" style={{ display: 'inline' }}>
                  {k === 'lr' ? 'learning rate' : `${k} loss`}{' '}
                </dt>
                <dd style={{ display: 'inline', margin: 0 }}>{fmt(t.losses![k]!)}</dd>
              </div>
            ),
          )}
        </dl>
      )}
      {t && t.curve.step.length > 1 && (
        <LossChart
          title="Training loss"
          curve={{
            step: t.curve.step,
            series: [
              { name: 'total', values: t.curve.total },
              { name: 'clip', values: t.curve.clip },
              { name: 'l2', values: t.curve.l2 },
              { name: 'id', values: t.curve.id },
            ],
          }}
        />
      )}
      {evals.length > 1 && (
        <LossChart
          title="Held-out evaluation loss"
          curve={{
            step: evals.map((e) => e.step),
            series: [{ name: 'eval total', values: evals.map((e) => e.losses.total) }],
          }}
        />
      )}
      {job.previewUrl && (
        <figure className="stack" style={{ gap: 4, margin: 0 }}>
          <img
            src={job.previewUrl}
            alt={
              t?.mapper ? 'Evaluation faces (top) and their edits (bottom)' : 'Preview of the optimized image'
            }
            data-testid="training-preview"
            style={{ maxWidth: '100%', imageRendering: 'pixelated', borderRadius: 6 }}
          />
          <figcaption className="small muted">
            {t?.mapper
              ? 'Latest evaluation: held-out faces on top, the mapper’s edits below'
              : 'Latest preview'}
          </figcaption>
        </figure>
      )}
      {job.error && (
        <p className="alert alert--error" role="alert">
          The job failed: {job.error.message}
        </p>
      )}
      {cancelError && (
        <p className="alert alert--error" role="alert">
          {cancelError}
        </p>
      )}
    </div>
  );
}
