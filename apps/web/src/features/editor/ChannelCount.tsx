import type { ApiError } from '../../shared/api/errors';
import type { TextDirectionPreview } from './operations';
import styles from './ChannelCount.module.css';

interface Props {
  preview: TextDirectionPreview | null;
  beta: number;
  loading: boolean;
  stale: boolean;
  error: ApiError | null;
  hasText: boolean;
}

/** How many style channels the text direction moves at the current β. */
export function ChannelCount({ preview, beta, loading, stale, error, hasText }: Props) {
  if (!hasText)
    return <p className="small muted">Type both texts to see how many channels the edit moves.</p>;
  if (error?.code === 'NO_CHANNELS') {
    return (
      <div className={styles.count} aria-live="polite">
        <strong data-testid="channel-count">0</strong>
        <span className="muted">
          channels pass β {beta.toFixed(2)}: no channel is that relevant to this text. Lower β or use auto β.
        </span>
      </div>
    );
  }
  if (error && !preview) {
    return (
      <p className="small" style={{ color: 'var(--danger)' }} role="alert">
        {error.userMessage}
      </p>
    );
  }
  return (
    <div className={styles.count} aria-live="polite" aria-busy={loading}>
      {preview ? (
        <>
          <strong data-testid="channel-count" data-stale={stale || undefined}>
            {preview.channels}
          </strong>
          <span className="muted">
            channel{preview.channels === 1 ? '' : 's'} kept at β {preview.beta.toFixed(2)}
          </span>
          {loading && <span className="spinner" aria-hidden="true" style={{ width: 14, height: 14 }} />}
        </>
      ) : (
        <span className="muted small">
          <span
            className="spinner"
            aria-hidden="true"
            style={{ display: 'inline-block', width: 14, height: 14, verticalAlign: 'middle' }}
          />{' '}
          Counting channels…
        </span>
      )}
    </div>
  );
}
