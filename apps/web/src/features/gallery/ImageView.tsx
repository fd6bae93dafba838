'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { request } from '../../shared/api/client';
import { formatDate } from '../../shared/format';
import { useQuery } from '../../shared/api/use-query';
import { DownloadButton } from '../../shared/ui/DownloadButton';
import { ConfirmAction } from '../../shared/ui/ConfirmAction';
import { ErrorMessage } from '../../shared/ui/ErrorMessage';
import { editTitle } from '../editor/format';
import { DeleteImageMutation, ImageQuery, type ImageDetail } from './operations';
import { deleteImageQuestion } from './format';
import { sourceLabel } from './format';
import { EditTimeline } from './EditTimeline';
import styles from './ImageView.module.css';

/** An image: the original, its facts, and the timeline of its edits. */
export function ImageView({ id, initial }: { id: string; initial: { image: ImageDetail | null } | null }) {
  const { data, error, loading, refetch } = useQuery(ImageQuery, { id }, { initialData: initial });
  const router = useRouter();
  if (loading)
    return (
      <div className="skeleton" style={{ height: 480 }} aria-busy="true" aria-label="Loading the image" />
    );
  if (error) return <ErrorMessage message={error.userMessage} onRetry={refetch} />;
  const image = data?.image;
  if (!image) return <ErrorMessage message="This image does not exist." />;
  const title = image.seed != null ? `Seed ${image.seed}` : `${sourceLabel(image.source)} image`;
  const edits = image.edits.edges.map((e) => e.node);
  const isPhoto = image.source === 'UPLOADED' && !image.face && image.inversionStatus !== 'NOT_CONFIGURED';

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p>
            {sourceLabel(image.source)} {formatDate(image.createdAt)} · {image.width}×{image.height} ·{' '}
            {image.modelSetId}
          </p>
        </div>
        <div className="row">
          <DownloadButton url={image.url} filename={`styleclip-${image.id}.png`} />
          {isPhoto ? (
            // An uploaded photo is edited through its faces (one or all, pasted back into the photo).
            <Link className="button button--primary" href={`/photos/${image.id}`}>
              Faces of this photo
            </Link>
          ) : (
            <Link className="button button--primary" href={`/images/${image.id}/edit`}>
              Edit this face
            </Link>
          )}
          {/* An edit's result goes with its edit (deleted on the edit's page); the API refuses it alone. */}
          {!image.parentEdit && (
            <ConfirmAction
              label="Delete image"
              question={deleteImageQuestion(edits.length, image.edits.pageInfo.hasNextPage)}
              confirmLabel="Delete"
              onConfirm={async () => {
                await request(DeleteImageMutation, { id: image.id });
                router.replace('/');
              }}
            />
          )}
        </div>
      </div>
      <div className="two-col">
        <div className="stack">
          {/* The original, full size. */}
          <img
            className={styles.hero}
            data-testid="hero-image"
            src={image.url}
            alt={`${title}, original`}
            width={image.width}
            height={image.height}
          />
          <dl className="facts panel">
            <dt>Source</dt>
            <dd>{sourceLabel(image.source)}</dd>
            {image.seed != null && (
              <>
                <dt>Seed</dt>
                <dd>{image.seed}</dd>
              </>
            )}
            {image.truncation != null && (
              <>
                <dt>Truncation ψ</dt>
                <dd>{image.truncation.toFixed(2)}</dd>
              </>
            )}
            <dt>Model set</dt>
            <dd>
              <Link href={`/model-sets/${encodeURIComponent(image.modelSetId)}`}>{image.modelSetId}</Link>
            </dd>
            {image.photo && image.photo.id !== image.id && (
              <>
                <dt>Photo</dt>
                <dd>
                  <Link href={`/photos/${image.photo.id}`}>
                    {image.face ? `Face ${image.face.index + 1} of a photo` : 'The photo it belongs to'}
                  </Link>
                </dd>
              </>
            )}
            {image.parentEdit && (
              <>
                <dt>Made by</dt>
                <dd>
                  <Link href={`/edits/${image.parentEdit.id}`}>{editTitle(image.parentEdit)}</Link> of{' '}
                  <Link href={`/images/${image.parentEdit.image.id}`}>this image</Link>
                </dd>
              </>
            )}
          </dl>
          {image.source === 'UPLOADED' && image.inversionStatus === 'NOT_CONFIGURED' && (
            <p className="alert alert--info">
              Uploaded photos cannot be edited yet: this service has no inversion model configured. The photo
              is kept and can be edited once one is.
            </p>
          )}
        </div>
        <section aria-labelledby="timeline-heading" className="stack">
          <div className="row">
            <h2 id="timeline-heading">Edits</h2>
            <span className="badge" data-testid="image-edit-count">
              {edits.length}
              {image.edits.pageInfo.hasNextPage ? '+' : ''}
            </span>
          </div>
          <EditTimeline imageId={image.id} edits={edits} />
        </section>
      </div>
    </>
  );
}
