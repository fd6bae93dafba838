'use client';
// An edit of a face of a photo, pasted back: the whole photo before and after, and its download.
import Link from 'next/link';
import { CompareSlider } from '../../shared/ui/CompareSlider';
import { DownloadButton } from '../../shared/ui/DownloadButton';
import type { EditDetail } from './operations';

interface Props {
  edit: EditDetail;
  /** Which result's photo to show (by its α; mapper edits have one). */
  alpha: number | null | undefined;
  /** The original photo. */
  photo: { id: string; url: string; width: number; height: number };
}

/** The photo with the edited face(s) pasted back, compared with the original; nothing when there is none. */
export function PastedBack({ edit, alpha, photo }: Props) {
  const pasted = edit.pastedBack.find((p) => p.alpha === alpha) ?? edit.pastedBack[0];
  if (!pasted) return null;
  const faces = edit.faces?.length ?? 0;
  return (
    <section
      className="stack"
      style={{ gap: 8 }}
      aria-label="The edit in the whole photo"
      data-testid="pasted-back"
    >
      <div className="row">
        <h2 className="small">In the photo</h2>
        <span className="muted small">
          {faces > 1 ? `${faces} faces` : 'the face'} pasted back at {pasted.image.width}×
          {pasted.image.height}
        </span>
      </div>
      <CompareSlider
        before={photo.url}
        after={pasted.image.url}
        beforeAlt="The original photo"
        afterAlt="The photo with the edited face pasted back"
        aspect={photo.width / photo.height}
      />
      <div className="row">
        <DownloadButton
          url={pasted.image.url}
          filename={`styleclip-photo-${pasted.image.id}.png`}
          label="Download the photo"
        />
        <Link className="button" href={`/photos/${photo.id}`}>
          All faces of the photo
        </Link>
      </div>
    </section>
  );
}
