import Link from 'next/link';
import { formatDate } from '../../shared/format';
import { EmptyState } from '../../shared/ui/EmptyState';
import type { EditDetail } from '../editor/operations';
import { editTitle, formatAlpha } from '../editor/format';
import { EditParams } from '../editor/EditParams';
import styles from './EditTimeline.module.css';

/** An image's edits, newest first, each with its parameters and a way back into the editor. */
export function EditTimeline({ imageId, edits }: { imageId: string; edits: EditDetail[] }) {
  if (edits.length === 0) {
    return (
      <EmptyState
        title="No edits yet"
        body="Open the editor and describe a change, like “a smiling face”."
        action={
          <Link className="button button--primary" href={`/images/${imageId}/edit`}>
            Open the editor
          </Link>
        }
      />
    );
  }
  return (
    <ol className={styles.timeline} data-testid="edit-timeline">
      {edits.map((edit) => (
        <li key={edit.id} className={styles.item}>
          <div className={styles.results}>
            {edit.results.slice(0, 5).map((r) => (
              <Link
                key={r.image.id}
                href={`/edits/${edit.id}`}
                aria-label={`Result α ${formatAlpha(r.alpha)}`}
              >
                <img src={r.image.url} alt="" loading="lazy" />
              </Link>
            ))}
          </div>
          <div className={styles.body}>
            <strong>{editTitle(edit)}</strong>
            <EditParams edit={edit} />
            <span className="small muted">{formatDate(edit.createdAt)}</span>
            <div className="row">
              <Link className="button button--small" href={`/images/${imageId}/edit?edit=${edit.id}`}>
                Open in editor
              </Link>
              <Link className="button button--small button--ghost" href={`/edits/${edit.id}`}>
                View
              </Link>
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
