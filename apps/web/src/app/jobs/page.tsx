import type { Metadata } from 'next';
import { JobsList } from '../../features/jobs/JobsList';

export const metadata: Metadata = { title: 'Jobs' };

export default function JobsPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Jobs</h1>
          <p>
            Long-running work such as precomputing directions, newest first. Progress updates every second.
          </p>
        </div>
      </div>
      <JobsList />
    </>
  );
}
