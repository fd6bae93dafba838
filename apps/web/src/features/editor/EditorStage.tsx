'use client';
import { useId } from 'react';
import Link from 'next/link';
import { CompareSlider } from '../../shared/ui/CompareSlider';
import { DownloadButton } from '../../shared/ui/DownloadButton';
import type { EditorImage } from './operations';
import { formatAlpha, formatStrength } from './format';
import type { EditorActivity, EditorPreview, EditorView } from './editor-state';
import { ShareLink } from './ShareLink';
import { PastedBack } from './PastedBack';
import styles from './EditorStage.module.css';

interface Props {
  image: EditorImage;
  view: EditorView | null;
  activity: EditorActivity;
  /** Storing the preview ("Keep this edit"). */
  keeping: EditorActivity;
  onKeep: (preview: EditorPreview) => void;
  onUseAsBase: (imageId: string) => void;
}

/** What a preview shows, in words: its α, or its mapper and strength. */
function describePreview(preview: EditorPreview): string {
  return preview.method === 'MAPPER'
    ? `mapper “${preview.input.mapper}” at strength ${formatStrength(preview.strength)}`
    : `α ${formatAlpha(preview.alpha)}`;
}

/**
 * The comparison of the original and what the editor shows: a live preview (not stored; "Keep this edit"
 * stores it) or a stored edit's result, with what can be done with it (share, download, new base).
 */
export function EditorStage({ image, view, activity, keeping, onKeep, onUseAsBase }: Props) {
  const id = useId();
  const selection = view?.kind === 'edit' ? view.selection : null;
  const preview = view?.kind === 'preview' ? view.preview : null;
  const result = selection ? selection.edit.results[selection.index] : undefined;
  const after = preview?.dataUrl ?? result?.image.url ?? image.url;
  return (
    <section className={styles.stage} aria-label="Result">
      <CompareSlider
        before={image.url}
        after={after}
        beforeAlt="Original face"
        afterAlt={
          preview ? 'Preview of the edit (not saved)' : result ? 'Edited face' : 'Original face (no edit yet)'
        }
      />
      <div className={styles.status} aria-live="polite" data-testid="stage-status">
        {activity.busy ? (
          <>
            <span className="spinner" aria-hidden="true" />{' '}
            {preview?.draft ? (
              <span data-testid="preview-draft">
                Low-resolution preview of {describePreview(preview)}; rendering the full image…
              </span>
            ) : (
              'Rendering…'
            )}
          </>
        ) : preview ? (
          <span
            data-testid="preview-ready"
            data-method={preview.method}
            data-alpha={preview.method === 'GLOBAL' ? preview.alpha : undefined}
            data-strength={preview.method === 'MAPPER' ? preview.strength : undefined}
            data-draft={preview.draft}
          >
            Preview of {describePreview(preview)}, not saved — drag the handle or use the arrow keys to
            compare.
          </span>
        ) : result ? (
          <span data-testid="result-ready" data-result-image={result.image.id}>
            Saved:{' '}
            {selection?.edit.method === 'MAPPER'
              ? `mapper “${selection.edit.mapper}”`
              : `α ${formatAlpha(result.alpha)}`}{' '}
            — drag the handle or use the arrow keys to compare.
          </span>
        ) : (
          <span>No edit yet: choose settings and preview.</span>
        )}
      </div>
      {activity.error && (
        <p className="alert alert--error" role="alert" data-testid="editor-error">
          {activity.error}
        </p>
      )}
      {preview && (
        <div className="stack" style={{ gap: 8 }}>
          <div className="row">
            <button
              type="button"
              className="button button--primary"
              onClick={() => onKeep(preview)}
              disabled={keeping.busy || activity.busy}
              aria-describedby={`${id}-keep-hint`}
            >
              {keeping.busy && <span className="spinner" aria-hidden="true" />}
              Keep this edit
            </button>
            <span className="small muted" id={`${id}-keep-hint`}>
              Saves this result ({describePreview(preview)}) to the gallery, so you can share it, download it
              or build on it. The preview itself is not saved.
            </span>
          </div>
          {keeping.error && (
            <p className="alert alert--error" role="alert" data-testid="keep-error">
              {keeping.error}
            </p>
          )}
        </div>
      )}
      {!preview && result && selection && (
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
          {image.photo && (
            <PastedBack
              edit={selection.edit}
              alpha={result.alpha}
              photo={{ ...image.photo, url: image.photo.image.url }}
            />
          )}
        </div>
      )}
    </section>
  );
}
