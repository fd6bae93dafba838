'use client';
import Link from 'next/link';
import { formatDate } from '../../shared/format';
import { useQuery } from '../../shared/api/use-query';
import { EmptyState } from '../../shared/ui/EmptyState';
import { ErrorMessage } from '../../shared/ui/ErrorMessage';
import { JobsQuery } from './operations';
import { isActive } from './job-state';
import { JobProgress } from './JobProgress';

export function JobsList() {
  const { data, error, loading, refetch } = useQuery(JobsQuery, { first: 50 }, { pollMs: 5000 });
  if (loading)
    return <div className="skeleton" style={{ height: 160 }} aria-busy="true" aria-label="Loading jobs" />;
  if (error && !data) return <ErrorMessage message={error.userMessage} onRetry={refetch} />;
  const jobs = data?.jobs.edges.map((e) => e.node) ?? [];
  if (jobs.length === 0) {
    return (
      <EmptyState
        title="No jobs yet"
        body={
          <>
            Start one from a <Link href="/model-sets">model set</Link>, e.g. “Precompute directions”.
          </>
        }
      />
    );
  }
  return (
    <ul className="stack" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {jobs.map((job) => (
        <li key={job.id} className="panel">
          <div className="row small muted" style={{ marginBottom: 8 }}>
            <span>
              Model set{' '}
              <Link href={`/model-sets/${encodeURIComponent(job.modelSetId)}`}>{job.modelSetId}</Link>
            </span>
            <span className="spacer" />
            <span>Started {formatDate(job.createdAt)}</span>
          </div>
          <JobProgress key={`${job.id}-${isActive(job)}`} initial={job} />
        </li>
      ))}
    </ul>
  );
}
