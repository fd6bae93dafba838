'use client';
// One job's progress, polled every second until it ends; cancellable while it runs.
import { useEffect, useRef, useState } from 'react';
import { request } from '../../shared/api/client';
import { userMessage } from '../../shared/api/errors';
import { formatDuration } from '../../shared/format';
import { useQuery } from '../../shared/api/use-query';
import { ProgressBar } from '../../shared/ui/ProgressBar';
import { CancelJobMutation, JobQuery, type Job } from './operations';
import { isActive, JOB_KIND_LABEL, JOB_STATE_LABEL } from './job-state';

export function JobProgress({ initial, onFinished }: { initial: Job; onFinished?: (job: Job) => void }) {
  const [polling, setPolling] = useState(isActive(initial));
  const { data } = useQuery(JobQuery, { id: initial.id }, { pollMs: polling ? 1000 : undefined });
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const job = data?.job ?? initial;
  const active = isActive(job);
  if (!active && polling) setPolling(false); // the job ended: stop polling

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

  return (
    <div className="stack" style={{ gap: 8 }} data-testid="job-progress" data-job-state={job.state}>
      <div className="row small">
        <strong>{JOB_KIND_LABEL[job.kind] ?? job.kind}</strong>
        <span className={`badge${active ? ' badge--accent' : ''}`}>{JOB_STATE_LABEL[job.state]}</span>
        {job.phase && <span className="muted">{job.phase}</span>}
        <span className="spacer" />
        {active && job.total > 0 && (
          <span className="muted">
            {job.done} / {job.total}
            {job.etaSeconds != null && ` · about ${formatDuration(job.etaSeconds)} left`}
          </span>
        )}
        {active && (
          <button type="button" className="button button--small" onClick={cancel} disabled={cancelling}>
            Cancel
          </button>
        )}
      </div>
      <ProgressBar
        label={`${JOB_KIND_LABEL[job.kind] ?? 'Job'} progress`}
        value={job.state === 'QUEUED' ? null : job.progress}
      />
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
