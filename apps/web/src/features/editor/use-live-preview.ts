'use client';
import { useEffect, useState } from 'react';
import { userMessage } from '../../shared/api/errors';
import { useDebouncedValue } from '../../shared/hooks/use-debounced-value';

/** How long the parameters must stay still before a preview is requested. */
export const PREVIEW_DEBOUNCE_MS = 400;

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

/**
 * A debounced live preview of an edit (rendered by a preview query: nothing is stored). Once `params` have
 * settled, `render` runs with them (earlier requests are aborted) and `onRendered` gets its result; `params` null
 * means nothing to preview. `skipKey` is the key (JSON) of parameters that need no request (e.g. a stored edit
 * that is already shown). `render` and `onRendered` must be stable (useCallback): a new one renders again. API
 * errors are shown as `userMessage` words them; a `PreviewProblem`'s message is shown as is.
 */
export function useLivePreview<P, R>(
  params: P | null,
  render: (params: P, signal: AbortSignal) => Promise<R>,
  onRendered: (result: R) => void,
  skipKey: string | null = null,
): LivePreviewState {
  const settled = useDebouncedValue(params, PREVIEW_DEBOUNCE_MS);
  const key = params === null ? null : JSON.stringify(params);
  const settledKey = settled === null ? null : JSON.stringify(settled);
  const [done, setDone] = useState<{ key: string | null; error: string | null }>({
    key: skipKey,
    error: null,
  });

  useEffect(() => {
    if (settled === null || settledKey === null || settledKey === skipKey) return;
    const controller = new AbortController();
    render(settled, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
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
