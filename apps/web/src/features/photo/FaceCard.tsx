'use client';
// One face of a photo: the aligned crop the encoder saw beside its reconstruction (what the generator makes of the
// inverted code), and the way to edit it alone in the editor.
import Link from 'next/link';
import type { PhotoFace } from './operations';
import styles from './FaceCard.module.css';

export function FaceCard({ face }: { face: PhotoFace }) {
  const n = face.index + 1;
  return (
    <article className={styles.card} data-testid="face-card" data-face={face.index}>
      <div className="row">
        <h3>Face {n}</h3>
        <span className="badge">score {face.score.toFixed(2)}</span>
        {face.cached && (
          <span className="badge" title="This face was inverted before: its code came from the cache">
            from cache
          </span>
        )}
      </div>
      <div className={styles.pair}>
        <figure>
          <img
            src={face.alignedUrl}
            alt={`Face ${n}, aligned`}
            width={256}
            height={256}
            data-testid="aligned"
          />
          <figcaption className="small muted">Aligned (what the encoder sees)</figcaption>
        </figure>
        <figure>
          <img
            src={face.reconstructionUrl}
            alt={`Face ${n}, reconstructed from its code`}
            width={256}
            height={256}
            data-testid="reconstruction"
          />
          <figcaption className="small muted">Reconstruction (its inverted code)</figcaption>
        </figure>
      </div>
      <Link className="button button--small" href={`/images/${face.image.id}/edit`}>
        Open face {n} in the editor
      </Link>
    </article>
  );
}
