'use client';
import { EmptyState } from '../shared/ui/EmptyState';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <EmptyState
      title="Something went wrong"
      body="This page could not be shown. Please try again."
      action={
        <button type="button" className="button button--primary" onClick={reset}>
          Try again
        </button>
      }
    />
  );
}
