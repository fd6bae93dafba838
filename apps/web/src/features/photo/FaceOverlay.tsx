'use client';
// The photo with its detected faces drawn on it: dlib's boxes, the 68 landmarks, and each face's number. Clicking
// a box picks that face (the face picker beside it does the same from the keyboard).
import { cx } from '../../shared/ui/class-names';
import type { PhotoDetail } from './operations';
import styles from './FaceOverlay.module.css';

interface Props {
  photo: PhotoDetail;
  /** Faces picked for editing (highlighted). */
  selected: readonly number[];
  onPick: (index: number) => void;
}

export function FaceOverlay({ photo, selected, onPick }: Props) {
  const { width: w, height: h } = photo;
  // Landmark dots and labels in photo pixels, sized for the photo (the boxes' strokes do not scale).
  const r = Math.max(1, Math.min(w, h) / 250);
  const font = Math.max(10, Math.min(w, h) / 22);
  return (
    <figure className={styles.figure} data-testid="photo-faces">
      <img className={styles.photo} src={photo.image.url} alt="The uploaded photo" width={w} height={h} />
      <svg
        className={styles.overlay}
        viewBox={`0 0 ${w} ${h}`}
        style={{ aspectRatio: `${w} / ${h}` }}
        aria-hidden="true"
      >
        {photo.faces.map((f) => {
          const picked = selected.includes(f.index);
          // dlib's rectangles are inclusive pixel corners: pixel centres at integers.
          const x = f.box.left - 0.5;
          const y = f.box.top - 0.5;
          return (
            <g
              key={f.index}
              className={cx(styles.face, picked && styles.picked)}
              data-testid="face-box"
              data-face={f.index}
              data-picked={picked || undefined}
              onClick={() => onPick(f.index)}
            >
              <rect
                x={x}
                y={y}
                width={f.box.right - f.box.left + 1}
                height={f.box.bottom - f.box.top + 1}
                className={styles.box}
                vectorEffect="non-scaling-stroke"
              />
              {f.landmarks.map((p, i) => (
                <circle key={i} cx={p.x} cy={p.y} r={r} className={styles.landmark} />
              ))}
              <text x={x} y={y - font * 0.25} fontSize={font} className={styles.label}>
                {f.index + 1}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="small muted">
        {photo.faces.length} face{photo.faces.length === 1 ? '' : 's'}
        {photo.detected != null && photo.detected > photo.faces.length
          ? ` (the best ${photo.faces.length} of ${photo.detected} detected)`
          : ''}
        : boxes and landmarks as dlib found them. Click a face to pick it.
      </figcaption>
    </figure>
  );
}
