import { tryServerRequest } from '../shared/api/server';
import { Gallery } from '../features/gallery/Gallery';
import { GalleryQuery } from '../features/gallery/operations';
import { apiFilter, filterFromParams } from '../features/gallery/gallery-filter';

export const dynamic = 'force-dynamic';

export default async function GalleryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const filter = filterFromParams({
    get: (name) => (typeof sp[name] === 'string' ? (sp[name] as string) : null),
  });
  // The first page is rendered on the server; when the API cannot answer, the browser loads it (and retries).
  // No `first`: pages are the API's size (`parameters.pages.images`).
  const initial = await tryServerRequest(GalleryQuery, { filter: apiFilter(filter) });
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Gallery</h1>
          <p>Faces and their edits. Generate a face or upload a photo, then change it with words.</p>
        </div>
      </div>
      <Gallery initialPage={initial?.images ?? null} initialFilter={filter} />
    </>
  );
}
