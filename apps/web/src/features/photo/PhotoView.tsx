'use client';
// An uploaded photo: while its faces are found and inverted, the job's progress; then the faces drawn on the
// photo, a face picker (one face or all of them), each picked face's aligned crop beside its reconstruction, and
// the text edit pasted back into the whole photo. No face: why, and a way to look again.
import { useState } from 'react';
import Link from 'next/link';
import { request } from '../../shared/api/client';
import { userMessage } from '../../shared/api/errors';
import { useQuery } from '../../shared/api/use-query';
import { ErrorMessage } from '../../shared/ui/ErrorMessage';
import { ProgressBar } from '../../shared/ui/ProgressBar';
import { SegmentedControl } from '../../shared/ui/SegmentedControl';
import { FaceCard } from './FaceCard';
import { FaceOverlay } from './FaceOverlay';
import { PhotoEditForm } from './PhotoEditForm';
import { InvertPhotoMutation, PhotoQuery, type PhotoDetail } from './operations';
import styles from './PhotoView.module.css';

type Pick = number | 'all';

/** A server message as a sentence: capitalized, with a full stop. */
const sentence = (m: string) => `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? '' : '.'}`;

/** What the photo's faces are, in words (the page's subtitle). */
function summary(photo: PhotoDetail): string {
  const size = `${photo.width}×${photo.height}`;
  switch (photo.state) {
    case 'PENDING':
      return `${size} · finding and inverting its faces…`;
    case 'DONE':
      return `${size} · ${photo.faces.length} face${photo.faces.length === 1 ? '' : 's'} found and inverted`;
    case 'NO_FACE':
      return `${size} · no face found`;
    case 'FAILED':
      return `${size} · its faces could not be inverted`;
  }
}

export function PhotoView({ id, initial }: { id: string; initial: { photo: PhotoDetail | null } | null }) {
  const [pending, setPending] = useState(initial?.photo?.state === 'PENDING' || !initial);
  const { data, error, loading, refetch } = useQuery(
    PhotoQuery,
    { id },
    { initialData: initial, pollMs: pending ? 1000 : undefined },
  );
  const [pick, setPick] = useState<Pick | null>(null);
  const [retry, setRetry] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const photo = data?.photo;
  if (photo && (photo.state === 'PENDING') !== pending) setPending(photo.state === 'PENDING');

  if (loading && !photo)
    return (
      <div className="skeleton" style={{ height: 480 }} aria-busy="true" aria-label="Loading the photo" />
    );
  if (error && !photo) return <ErrorMessage message={error.userMessage} onRetry={refetch} />;
  if (!photo) {
    return (
      <ErrorMessage message="This photo does not exist, or its faces were never looked for (no inversion model)." />
    );
  }

  const again = async (minScore?: number) => {
    setRetry({ busy: true, error: null });
    try {
      await request(InvertPhotoMutation, {
        input: { imageId: photo.id, ...(minScore !== undefined ? { minScore } : {}) },
      });
      setRetry({ busy: false, error: null });
      setPending(true);
      refetch();
    } catch (err) {
      setRetry({ busy: false, error: userMessage(err) });
    }
  };

  const current: Pick = pick ?? (photo.faces.length === 1 ? 0 : 'all');
  const picked = current === 'all' ? photo.faces.map((f) => f.index) : [current];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Photo</h1>
          <p data-testid="photo-summary">{summary(photo)}</p>
        </div>
        <div className="row">
          <Link className="button" href={`/images/${photo.id}`}>
            Image page
          </Link>
        </div>
      </div>

      {photo.state === 'PENDING' && (
        <div className="stack" data-testid="photo-pending">
          <div className="row small">
            <span className="spinner" aria-hidden="true" />
            <span>
              {photo.job
                ? `Finding and inverting faces${photo.job.phase ? `: ${photo.job.phase}` : ''}`
                : 'Waiting for a worker to find the faces…'}
            </span>
          </div>
          <ProgressBar
            label="Finding and inverting faces"
            value={photo.job?.state === 'RUNNING' ? photo.job.progress : null}
          />
          <img className={styles.photo} src={photo.image.url} alt="The uploaded photo" />
        </div>
      )}

      {(photo.state === 'NO_FACE' || photo.state === 'FAILED') && (
        <div className="stack" data-testid="photo-no-faces" data-state={photo.state}>
          <div className="alert alert--error" role="alert">
            {/* A photo without a face gets the detector's own reason (it starts "no face was found…"). */}
            {photo.state === 'NO_FACE' ? (
              sentence(photo.error?.message ?? 'no face was found in this photo.')
            ) : (
              <>
                <strong>The faces could not be inverted. </strong>
                {photo.error?.message}
              </>
            )}
          </div>
          <div className="row">
            {photo.state === 'NO_FACE' ? (
              <button type="button" className="button" onClick={() => again(0)} disabled={retry.busy}>
                Look again, taking weaker detections for faces
              </button>
            ) : (
              <button type="button" className="button" onClick={() => again()} disabled={retry.busy}>
                Try again
              </button>
            )}
          </div>
          {retry.error && (
            <p className="alert alert--error" role="alert">
              {retry.error}
            </p>
          )}
          <img className={styles.photo} src={photo.image.url} alt="The uploaded photo" />
        </div>
      )}

      {photo.state === 'DONE' && (
        <div className="two-col">
          <div className="stack">
            <FaceOverlay photo={photo} selected={picked} onPick={(i) => setPick(i)} />
            {photo.faces.length > 1 && (
              <SegmentedControl<Pick>
                label="Faces to edit"
                options={[
                  ...photo.faces.map((f) => ({ value: f.index as Pick, label: `Face ${f.index + 1}` })),
                  { value: 'all', label: 'All faces' },
                ]}
                value={current}
                onChange={setPick}
              />
            )}
            <div className={styles.cards}>
              {photo.faces
                .filter((f) => picked.includes(f.index))
                .map((f) => (
                  <FaceCard key={f.index} face={f} />
                ))}
            </div>
          </div>
          <PhotoEditForm photo={photo} faces={current === 'all' ? 'all' : [current]} />
        </div>
      )}
    </>
  );
}
