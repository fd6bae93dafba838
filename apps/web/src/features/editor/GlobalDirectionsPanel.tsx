'use client';
// Global directions: a neutral and a target text, α with a debounced live preview (rendered by
// previewGlobalEdit: nothing is stored until the user keeps it), β with the live count of kept channels (or
// auto β), and a strength strip (several α stored as one edit, on request).
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import Link from 'next/link';
import { request } from '../../shared/api/client';
import { userMessage } from '../../shared/api/errors';
import { useDebouncedValue } from '../../shared/hooks/use-debounced-value';
import { useQuery } from '../../shared/api/use-query';
import { Slider } from '../../shared/ui/Slider';
import {
  EditGlobalMutation,
  PreviewGlobalEditQuery,
  TextDirectionQuery,
  type EditDetail,
  type EditorImage,
  type EditorDefaults,
  type EditorModelSet,
} from './operations';
import { formatAlpha } from './format';
import { stripAlphas } from './strip';
import { draftResolutionOf, shownImage, useLivePreview } from './use-live-preview';
import type { EditorActivity, EditorPreview, EditorSelection } from './editor-state';
import { ChannelCount } from './ChannelCount';
import { StrengthStrip } from './StrengthStrip';

interface Props {
  image: EditorImage;
  modelSet: EditorModelSet;
  /** The API's defaults (β when no edit prefills the form). */
  defaults: EditorDefaults;
  prefill: EditDetail | null;
  selection: EditorSelection | null;
  onSelect: (selection: EditorSelection) => void;
  /** A live preview is ready (not stored). */
  onPreview: (preview: EditorPreview) => void;
  onActivity: (activity: EditorActivity) => void;
}

interface Params {
  neutral: string;
  target: string;
  alpha: number;
  beta: number;
  autoBeta: boolean;
}

export const CHANNELS_DEBOUNCE_MS = 250;

/**
 * The form's starting values, from the edit it is prefilled with (if any), and the key of the parameters that
 * edit pins completely (one α, both texts, its β or auto β): the prefilled edit is shown as is, with no request
 * for its own parameters. The key is built from the starting values themselves, so the two cannot drift.
 */
function initialState(prefill: EditDetail | null, defaults: EditorDefaults) {
  const committed =
    prefill?.neutral && prefill.target ? { neutral: prefill.neutral, target: prefill.target } : null;
  const alpha = prefill?.alphas?.length === 1 ? prefill.alphas[0]! : 4;
  const beta = prefill?.autoBeta ? defaults.beta : (prefill?.beta ?? defaults.beta);
  const autoBeta = prefill?.autoBeta ?? false;
  const pinned = prefill?.alphas?.length === 1 && (prefill.autoBeta || prefill.beta != null);
  return {
    neutral: prefill?.neutral ?? 'a face',
    target: prefill?.target ?? '',
    committed,
    alpha,
    beta,
    autoBeta,
    prefillKey:
      committed && pinned ? JSON.stringify({ ...committed, alpha, beta, autoBeta } satisfies Params) : null,
  };
}

export function GlobalDirectionsPanel({
  image,
  modelSet,
  defaults,
  prefill,
  selection,
  onSelect,
  onPreview,
  onActivity,
}: Props) {
  const id = useId();
  const [initial] = useState(() => initialState(prefill, defaults));
  const [neutral, setNeutral] = useState(initial.neutral);
  const [target, setTarget] = useState(initial.target);
  const [committed, setCommitted] = useState(initial.committed);
  const [alpha, setAlpha] = useState(initial.alpha);
  const [beta, setBeta] = useState(initial.beta);
  const [autoBeta, setAutoBeta] = useState(initial.autoBeta);
  const [textError, setTextError] = useState<string | null>(null);

  // Live preview: the committed text with the current sliders, once they have settled.
  const params = useMemo<Params | null>(
    () => (committed ? { ...committed, alpha, beta, autoBeta } : null),
    [committed, alpha, beta, autoBeta],
  );
  const render = useCallback(
    async (p: Params, signal: AbortSignal, resolution: number | null): Promise<EditorPreview> => {
      const input = {
        imageId: image.id,
        neutral: p.neutral,
        target: p.target,
        alphas: [p.alpha],
        beta: p.beta,
        autoBeta: p.autoBeta,
      };
      const { previewGlobalEdit } = await request(PreviewGlobalEditQuery, { input, resolution }, { signal });
      const shown = shownImage(previewGlobalEdit.images);
      return {
        method: 'GLOBAL',
        input,
        alpha: shown.alpha,
        dataUrl: shown.dataUrl,
        channels: previewGlobalEdit.channels,
        draft: resolution !== null,
      };
    },
    [image.id],
  );
  const live = useLivePreview(params, render, onPreview, {
    skipKey: initial.prefillKey,
    draftResolution: draftResolutionOf(modelSet),
  });

  // Strength strip: several α in one request, stored as one edit (an explicit action).
  const [strip, setStrip] = useState<{ edit: EditDetail | null; busy: boolean; error: string | null }>({
    edit: null,
    busy: false,
    error: null,
  });
  const runStrip = async () => {
    if (!committed) return;
    setStrip({ edit: null, busy: true, error: null });
    try {
      const { editGlobal } = await request(EditGlobalMutation, {
        input: { imageId: image.id, ...committed, alphas: stripAlphas(alpha), beta, autoBeta },
      });
      setStrip({ edit: editGlobal, busy: false, error: null });
      onSelect({ edit: editGlobal, index: editGlobal.results.length - 1 });
    } catch (error) {
      setStrip({ edit: null, busy: false, error: userMessage(error) });
    }
  };

  const busy = live.busy || strip.busy;
  const error = live.error ?? strip.error;
  useEffect(() => onActivity({ busy, error }), [busy, error, onActivity]);

  // Kept channels for the text as typed (no image is generated).
  const channelInput = useMemo(
    () => ({
      modelSetId: modelSet.id,
      neutral: neutral.trim(),
      target: target.trim(),
      beta,
      autoBeta,
      top: 5,
    }),
    [modelSet.id, neutral, target, beta, autoBeta],
  );
  const channelVars = useDebouncedValue(channelInput, CHANNELS_DEBOUNCE_MS);
  const channels = useQuery(
    TextDirectionQuery,
    { input: channelVars },
    { skip: !channelVars.neutral || !channelVars.target, keepPreviousData: true },
  );

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!neutral.trim() || !target.trim()) {
      setTextError('Enter both a neutral and a target text, e.g. “a face” → “a smiling face”.');
      return;
    }
    setTextError(null);
    setCommitted({ neutral: neutral.trim(), target: target.trim() });
  };

  const uploadWithoutLatent = image.source === 'UPLOADED' && !image.latent;

  return (
    <div className="stack" style={{ gap: 20 }}>
      {!modelSet.hasClip && (
        <p className="alert alert--info">
          This model set has no CLIP model, so text edits are not available. Try the Mapper tab.
        </p>
      )}
      {modelSet.hasClip && !modelSet.hasDirections && (
        <p className="alert alert--info">
          Text edits need precomputed directions for {modelSet.id}.{' '}
          <Link href={`/model-sets/${encodeURIComponent(modelSet.id)}`}>Precompute them</Link> first.
        </p>
      )}
      {uploadWithoutLatent && (
        <p className="alert alert--info">
          This is an uploaded photo. Editing it needs an inversion model
          {image.inversionStatus === 'NOT_CONFIGURED'
            ? ', which this service does not have configured yet'
            : ''}
          .
        </p>
      )}
      <form className="stack" onSubmit={apply} aria-describedby={textError ? `${id}-text-error` : undefined}>
        <div className="form-row">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-neutral`}>
              Neutral text
            </label>
            <input
              id={`${id}-neutral`}
              className="input"
              value={neutral}
              onChange={(e) => setNeutral(e.target.value)}
              placeholder="a face"
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-target`}>
              Target text
            </label>
            <input
              id={`${id}-target`}
              className="input"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              placeholder="a smiling face"
              autoComplete="off"
            />
          </div>
        </div>
        {textError && (
          <p className="alert alert--error" role="alert" id={`${id}-text-error`}>
            {textError}
          </p>
        )}
        <div className="row">
          <button type="submit" className="button button--primary">
            Preview edit
          </button>
          <span className="small muted">
            Then drag α or β: the preview follows. Nothing is saved until you keep it.
          </span>
        </div>
      </form>

      <Slider
        label="Strength α"
        name="alpha"
        value={alpha}
        min={-10}
        max={10}
        step={0.1}
        onChange={setAlpha}
        format={formatAlpha}
        hint="How far to move along the direction; negative goes the other way."
      />

      <div className="stack" style={{ gap: 10 }}>
        <Slider
          label="Disentanglement β"
          name="beta"
          value={beta}
          min={0}
          max={0.4}
          step={0.01}
          onChange={setBeta}
          format={(v) => v.toFixed(2)}
          disabled={autoBeta}
          hint="Higher β moves fewer channels: a more focused, subtler edit."
        />
        <label className="checkbox">
          <input type="checkbox" checked={autoBeta} onChange={(e) => setAutoBeta(e.target.checked)} />
          Auto β (pick the largest β that still moves enough channels)
        </label>
        <ChannelCount
          preview={channels.data?.textDirection ?? null}
          beta={channelVars.beta}
          loading={channels.loading}
          stale={channels.stale}
          error={channels.error ?? null}
          hasText={!!channelVars.neutral && !!channelVars.target}
        />
      </div>

      <div className="stack" style={{ gap: 10 }}>
        <div className="row">
          <h3>Strength strip</h3>
          <span className="spacer" />
          <button type="button" className="button" onClick={runStrip} disabled={!committed || strip.busy}>
            {strip.busy && <span className="spinner" aria-hidden="true" />}
            Save strip α {stripAlphas(alpha).map(formatAlpha).join(' · ')}
          </button>
        </div>
        {strip.edit ? (
          <StrengthStrip
            edit={strip.edit}
            selected={selection?.edit.id === strip.edit.id ? selection.index : -1}
            onSelect={(index) => strip.edit && onSelect({ edit: strip.edit, index })}
          />
        ) : (
          <p className="small muted">
            Renders several strengths side by side and saves them as one edit (it appears in the gallery).
          </p>
        )}
      </div>
    </div>
  );
}
