import Link from 'next/link';
import { EmptyState } from '../shared/ui/EmptyState';

export default function NotFound() {
  return (
    <EmptyState
      title="Not found"
      body="This page, image or edit does not exist (any more)."
      action={
        <Link className="button button--primary" href="/">
          Back to the gallery
        </Link>
      }
    />
  );
}
