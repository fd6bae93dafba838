'use client';
// The gallery: filters, the grid (first page from the server), infinite scroll by cursor, and the panels that
// add faces (generate, upload).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { ImageSummary } from '../../shared/operations';
import { request } from '../../shared/api/client';
import { userMessage } from '../../shared/api/errors';
import { InfiniteScrollSentinel } from '../../shared/ui/InfiniteScrollSentinel';
import { cx } from '../../shared/ui/class-names';
import { UploadPanel } from '../upload/UploadPanel';
import { GalleryQuery, type GalleryImage, type GalleryPage, type ImageFilter } from './operations';
import { apiFilter, filterToSearch, matchesFilter } from './gallery-filter';
import { GalleryFilters } from './GalleryFilters';
import { GalleryGrid } from './GalleryGrid';
import { GenerateFacesForm } from './GenerateFacesForm';
import styles from './Gallery.module.css';

interface Props {
  initialPage: GalleryPage | null;
  initialFilter: ImageFilter;
}

interface State {
  items: GalleryImage[];
  endCursor: string | null;
  hasNext: boolean;
  /** Nothing loaded yet for this filter. */
  initialLoading: boolean;
  loadingMore: boolean;
  error: string | null;
}

function fromPage(page: GalleryPage): State {
  return {
    items: page.edges.map((e) => e.node),
    endCursor: page.pageInfo.endCursor,
    hasNext: page.pageInfo.hasNextPage,
    initialLoading: false,
    loadingMore: false,
    error: null,
  };
}

const LOADING: State = {
  items: [],
  endCursor: null,
  hasNext: false,
  initialLoading: true,
  loadingMore: false,
  error: null,
};

function asGalleryImage(image: ImageSummary): GalleryImage {
  return { ...image, edits: { edges: [], pageInfo: { endCursor: null, hasNextPage: false } } };
}

export function Gallery({ initialPage, initialFilter }: Props) {
  const router = useRouter();
  const [filter, setFilter] = useState<ImageFilter>(initialFilter);
  const [state, setState] = useState<State>(() => (initialPage ? fromPage(initialPage) : LOADING));
  const generation = useRef(0);
  const abort = useRef<AbortController | null>(null);

  const fetchPage = useCallback(async (f: ImageFilter, after: string | null) => {
    const id = ++generation.current;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    try {
      const { images } = await request(
        GalleryQuery,
        // No `first`: pages are the API's size (`parameters.pages.images`).
        { after, filter: apiFilter(f) },
        { signal: controller.signal },
      );
      if (id !== generation.current) return;
      setState((prev) =>
        after
          ? {
              ...fromPage(images),
              items: [
                ...prev.items,
                ...images.edges.map((e) => e.node).filter((n) => !prev.items.some((p) => p.id === n.id)),
              ],
            }
          : fromPage(images),
      );
    } catch (error) {
      if (id !== generation.current || controller.signal.aborted) return;
      setState((prev) => ({ ...prev, initialLoading: false, loadingMore: false, error: userMessage(error) }));
    }
  }, []);

  // No server-rendered page (the API did not answer the server): load it here, retrying until it answers.
  const loadedOnMount = useRef(initialPage !== null);
  useEffect(() => {
    if (loadedOnMount.current) return;
    loadedOnMount.current = true;
    void fetchPage(initialFilter, null);
  }, [fetchPage, initialFilter]);

  useEffect(() => () => abort.current?.abort(), []);

  const changeFilter = (next: ImageFilter) => {
    setFilter(next);
    setState(LOADING);
    router.replace(`/${filterToSearch(next)}`, { scroll: false });
    void fetchPage(next, null);
  };

  const loadMore = useCallback(() => {
    if (!state.hasNext || state.loadingMore || state.initialLoading) return;
    setState((prev) => ({ ...prev, loadingMore: true, error: null }));
    void fetchPage(filter, state.endCursor);
  }, [state.hasNext, state.loadingMore, state.initialLoading, state.endCursor, fetchPage, filter]);

  const addImages = (images: ImageSummary[]) => {
    const fresh = images.filter((i) => matchesFilter(i, filter)).map(asGalleryImage);
    setState((prev) => ({
      ...prev,
      initialLoading: false,
      items: [...fresh.filter((n) => !prev.items.some((p) => p.id === n.id)), ...prev.items],
    }));
  };

  return (
    <>
      <section className={styles.create} aria-label="Add faces">
        <GenerateFacesForm onCreated={addImages} />
        <UploadPanel onCreated={addImages} />
      </section>

      <section aria-labelledby="gallery-heading">
        <div className={styles.toolbar}>
          <h2 id="gallery-heading" className="visually-hidden">
            Images
          </h2>
          <GalleryFilters filter={filter} onChange={changeFilter} />
        </div>
        <GalleryGrid
          items={state.items}
          loading={state.initialLoading}
          filtered={!!(filter.method || filter.source)}
        />
        {state.error && (
          <div className="alert alert--error" role="alert" style={{ marginTop: 16 }}>
            {state.error}{' '}
            <button type="button" className="button button--small" onClick={() => changeFilter(filter)}>
              Try again
            </button>
          </div>
        )}
        {state.hasNext && !state.initialLoading && (
          <>
            <InfiniteScrollSentinel onVisible={loadMore} disabled={state.loadingMore} />
            <div className={styles.loadMore}>
              {state.loadingMore ? (
                <>
                  <span className="spinner" aria-hidden="true" />{' '}
                  <span role="status">Loading more images…</span>
                </>
              ) : (
                <button type="button" className="button" onClick={loadMore}>
                  Load more
                </button>
              )}
            </div>
          </>
        )}
        {!state.hasNext && state.items.length > 0 && (
          <p className={cx(styles.loadMore, 'small')} data-testid="gallery-end">
            That’s everything{filter.method || filter.source ? ' for this filter' : ''}.
          </p>
        )}
      </section>
    </>
  );
}
