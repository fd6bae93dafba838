'use client';
import { useEffect, useRef, useState } from 'react';
import { userMessage } from '../../shared/api/errors';
import { useDebouncedValue } from '../../shared/hooks/use-debounced-value';

/** How long the parameters must stay still before a preview is requested. */
export const PREVIEW_DEBOUNCE_MS = 400;

/** How long the parameters must pause before a draft (reduced-resolution) preview is requested. */
export const DRAFT_DEBOUNCE_MS = 60;

/** A problem with a preview's answer, worded for a person. */
export class PreviewProblem extends Error {}

/** The one image a single-value preview answers with. */
export function shownImage<T>(images: readonly T[]): T {
  const shown = images[0];
  if (!shown) throw new PreviewProblem('The preview came back without an image. Please try again.');
  return shown;
}

export interface LivePreviewState {
  /** The current parameters have no answer yet (waiting for them to settle, or rendering). */
  busy: boolean;
  /** Why the preview of the current parameters failed, worded for a person. */
  error: string | null;
}

export interface LivePreviewOptions {
  /** The key (JSON) of parameters that need no request (e.g. a stored edit that is already shown). */
  skipKey?: string | null;
  /**
   * Resolution of the drafts rendered while the parameters move (the set's `previewResolution`: a fraction of
   * a full render's cost); null renders only the full image once they settle.
   */
  draftResolution?: number | null;
}

/** The model set's draft resolution: its preview resolution when that is below its size, else none. */
export function draftResolutionOf(set: { size: number; previewResolution: number }): number | null {
  return set.previewResolution < set.size ? set.previewResolution : null;
}

/**
 * A progressive live preview of an edit (rendered by a preview query: nothing is stored). While `params` move,
 * drafts render at `draftResolution` (after a short pause, the last one aborting the one before); once they
 * have settled for PREVIEW_DEBOUNCE_MS, `render` runs with resolution null (the full image), and a draft that
 * comes back after it is dropped. `onRendered` gets each result; `params` null means nothing to preview.
 * `render` and `onRendered` must be stable (useCallback): a new one renders again. API errors are shown as
 * `userMessage` words them; a `PreviewProblem`'s message is shown as is. `busy` holds until the full image of
 * the current parameters is in.
 */
export function useLivePreview<P, R>(
  params: P | null,
  render: (params: P, signal: AbortSignal, resolution: number | null) => Promise<R>,
  onRendered: (result: R) => void,
  o: LivePreviewOptions = {},
): LivePreviewState {
  const skipKey = o.skipKey ?? null;
  const draftResolution = o.draftResolution ?? null;
  const settled = useDebouncedValue(params, PREVIEW_DEBOUNCE_MS);
  const drafted = useDebouncedValue(params, DRAFT_DEBOUNCE_MS);
  const key = params === null ? null : JSON.stringify(params);
  const settledKey = settled === null ? null : JSON.stringify(settled);
  const draftKey = drafted === null ? null : JSON.stringify(drafted);
  const [done, setDone] = useState<{ key: string | null; error: string | null }>({
    key: skipKey,
    error: null,
  });
  // The key whose full image is shown: a draft of it arriving late must not replace it.
  const fullKey = useRef<string | null>(skipKey);

  useEffect(() => {
    if (draftResolution === null || drafted === null || draftKey === null) return;
    if (draftKey === skipKey || draftKey === fullKey.current) return;
    const controller = new AbortController();
    render(drafted, controller.signal, draftResolution).then(
      (result) => {
        if (controller.signal.aborted || fullKey.current === draftKey) return;
        onRendered(result);
      },
      () => undefined, // a failed draft is not shown: the full render reports its own error
    );
    return () => controller.abort();
  }, [drafted, draftKey, draftResolution, skipKey, render, onRendered]);

  useEffect(() => {
    if (settled === null || settledKey === null || settledKey === skipKey) return;
    const controller = new AbortController();
    render(settled, controller.signal, null).then(
      (result) => {
        if (controller.signal.aborted) return;
        fullKey.current = settledKey;
        setDone({ key: settledKey, error: null });
        onRendered(result);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof PreviewProblem ? error.message : userMessage(error);
        setDone({ key: settledKey, error: message });
      },
    );
    return () => controller.abort();
  }, [settled, settledKey, skipKey, render, onRendered]);

  return {
    busy: key !== null && key !== done.key,
    error: key !== null && key === done.key ? done.error : null,
  };
}
