import { EmptyState } from '../../shared/ui/EmptyState';
import type { GalleryImage } from './operations';
import { ImageCard } from './ImageCard';

export function GalleryGrid({
  items,
  loading,
  filtered,
}: {
  items: GalleryImage[];
  loading: boolean;
  filtered: boolean;
}) {
  if (loading && items.length === 0) {
    return (
      <div className="grid" aria-busy="true" aria-label="Loading images">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="skeleton" style={{ aspectRatio: '0.8' }} />
        ))}
      </div>
    );
  }
  if (items.length === 0) {
    return filtered ? (
      <EmptyState
        title="No images match this filter"
        body="Try another filter, or edit a face to see it here."
      />
    ) : (
      <EmptyState title="No faces yet" body="Generate a face from a seed or upload a photo to get started." />
    );
  }
  return (
    <ul className="grid" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="gallery-grid">
      {items.map((image) => (
        <li key={image.id}>
          <ImageCard image={image} />
        </li>
      ))}
    </ul>
  );
}
