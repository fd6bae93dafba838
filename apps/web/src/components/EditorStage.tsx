'use client';
import Link from 'next/link';
import type { ImageSummary } from '../lib/api/types';
import { formatAlpha } from '../lib/format';
import type { EditorActivity, EditorSelection } from './Editor';
import { CompareSlider } from './CompareSlider';
import { DownloadButton } from './DownloadButton';
import { ShareLink } from './ShareLink';

interface Props {
  image: ImageSummary;
  selection: EditorSelection | null;
  activity: EditorActivity;
  onUseAsBase: (imageId: string) => void;
}

/** The comparison of the original and the selected result, with what can be done with the result. */
export function EditorStage({ image, selection, activity, onUseAsBase }: Props) {
  const result = selection ? selection.edit.results[selection.index] : undefined;
  const after = result?.image ?? image;
  return (
    <section className="editor-stage" aria-label="Result">
      <CompareSlider
        before={image.url}
        after={after.url}
        beforeAlt="Original face"
        afterAlt={result ? 'Edited face' : 'Original face (no edit yet)'}
      />
      <div className="stage-status" aria-live="polite" data-testid="stage-status">
        {activity.busy ? (
          <>
            <span className="spinner" aria-hidden="true" /> Rendering…
          </>
        ) : result ? (
          <span data-testid="result-ready" data-result-image={result.image.id}>
            Showing{' '}
            {selection?.edit.method === 'MAPPER'
              ? `mapper “${selection.edit.mapper}”`
              : `α ${formatAlpha(result.alpha)}`}{' '}
            — drag the handle or use the arrow keys to compare.
          </span>
        ) : (
          <span>No edit yet: choose settings and apply.</span>
        )}
      </div>
      {activity.error && (
        <p className="alert alert--error" role="alert" data-testid="editor-error">
          {activity.error}
        </p>
      )}
      {result && selection && (
        <div className="stack" style={{ gap: 12 }}>
          <div className="row">
            <button
              type="button"
              className="button button--primary"
              onClick={() => onUseAsBase(result.image.id)}
            >
              Use this as the new base
            </button>
            <DownloadButton url={result.image.url} filename={`styleclip-${result.image.id}.png`} />
            <Link className="button" href={`/edits/${selection.edit.id}`}>
              Open edit page
            </Link>
          </div>
          <ShareLink editId={selection.edit.id} />
        </div>
      )}
    </section>
  );
}
