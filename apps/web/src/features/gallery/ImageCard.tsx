import Link from 'next/link';
import { cx } from '../../shared/ui/class-names';
import type { GalleryImage } from './operations';
import { sourceLabel } from './format';
import styles from './ImageCard.module.css';

export function ImageCard({ image }: { image: GalleryImage }) {
  const edits = image.edits.edges;
  const count = edits.length;
  const more = image.edits.pageInfo.hasNextPage;
  const thumbs = edits
    .flatMap((e) => e.node.results.slice(-1).map((r) => ({ edit: e.node.id, image: r.image })))
    .slice(0, 4);
  const title = image.seed != null ? `Seed ${image.seed}` : sourceLabel(image.source);
  return (
    <article className={styles.card} data-testid="image-card" data-image-id={image.id}>
      <Link href={`/images/${image.id}`} className={styles.link}>
        <img
          className={styles.image}
          src={image.url}
          alt={`${title}, ${sourceLabel(image.source).toLowerCase()} face`}
          width={image.width}
          height={image.height}
          loading="lazy"
        />
        <div className={styles.body}>
          <div className={styles.meta}>
            <strong>{title}</strong>
            <span className="badge">{sourceLabel(image.source)}</span>
          </div>
          <div className={cx(styles.meta, 'muted')}>
            <span data-testid="edit-count">
              {count === 0
                ? 'No edits yet'
                : `${count}${more ? '+' : ''} edit${count === 1 && !more ? '' : 's'}`}
            </span>
            {image.truncation != null && <span className="small">ψ {image.truncation.toFixed(2)}</span>}
          </div>
          {thumbs.length > 0 && (
            <div className={styles.thumbs} aria-label="Latest edits" data-testid="edit-thumbs">
              {thumbs.map((t) => (
                <img key={t.edit} src={t.image.url} alt="" loading="lazy" />
              ))}
            </div>
          )}
        </div>
      </Link>
    </article>
  );
}
