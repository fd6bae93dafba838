'use client';
import Link from 'next/link';
import { useQuery } from '../../shared/api/use-query';
import { JobsQuery } from './operations';
import { isActive } from './job-state';
import styles from './JobsIndicator.module.css';

/** In the header: how many jobs are running and their overall progress (polled). */
export function JobsIndicator() {
  const { data } = useQuery(JobsQuery, { first: 20 }, { pollMs: 5000 });
  const active = data?.jobs.edges.map((e) => e.node).filter(isActive) ?? [];
  if (active.length === 0) return null;
  const progress = active.reduce((sum, j) => sum + j.progress, 0) / active.length;
  return (
    <Link
      href="/jobs"
      className={styles.indicator}
      aria-label={`${active.length} job${active.length === 1 ? '' : 's'} running, ${Math.round(progress * 100)} percent`}
    >
      <span className="spinner" aria-hidden="true" />
      <span aria-hidden="true">
        {active.length} job{active.length === 1 ? '' : 's'} · {Math.round(progress * 100)} %
      </span>
    </Link>
  );
}
