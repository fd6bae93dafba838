'use client';
// Mapper edits: one of the model set's trained mappers, at a chosen strength with a debounced live preview
// (rendered by previewMapperEdit: nothing is stored until the user keeps it, as on the text tab).
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { request } from '../../shared/api/client';
import { mapperLayers } from '../../shared/format';
import { Slider } from '../../shared/ui/Slider';
import {
  PreviewMapperEditQuery,
  type EditDetail,
  type EditorDefaults,
  type EditorImage,
  type EditorModelSet,
} from './operations';
import { formatStrength } from './format';
import { draftResolutionOf, shownImage, useLivePreview } from './use-live-preview';
import type { EditorActivity, EditorPreview } from './editor-state';

interface Props {
  image: EditorImage;
  modelSet: EditorModelSet;
  /** The API's defaults (the strength when no edit prefills the form). */
  defaults: EditorDefaults;
  prefill: EditDetail | null;
  /** A live preview is ready (not stored). */
  onPreview: (preview: EditorPreview) => void;
  onActivity: (activity: EditorActivity) => void;
}

interface Params {
  mapper: string;
  strength: number;
}

export function MapperPanel({ image, modelSet, defaults, prefill, onPreview, onActivity }: Props) {
  const id = useId();
  const [mapper, setMapper] = useState(prefill?.mapper ?? modelSet.mappers[0]?.name ?? '');
  const [strength, setStrength] = useState(prefill?.strength ?? defaults.strength);
  const [applied, setApplied] = useState(false);
  const params = useMemo<Params | null>(
    () => (applied && mapper ? { mapper, strength } : null),
    [applied, mapper, strength],
  );
  const render = useCallback(
    async (p: Params, signal: AbortSignal, resolution: number | null): Promise<EditorPreview> => {
      const input = { imageId: image.id, mapper: p.mapper, strength: p.strength };
      const { previewMapperEdit } = await request(PreviewMapperEditQuery, { input, resolution }, { signal });
      const shown = shownImage(previewMapperEdit.images);
      return {
        method: 'MAPPER',
        input,
        strength: previewMapperEdit.strength,
        dataUrl: shown.dataUrl,
        draft: resolution !== null,
      };
    },
    [image.id],
  );
  const { busy, error } = useLivePreview(params, render, onPreview, {
    draftResolution: draftResolutionOf(modelSet),
  });
  useEffect(() => onActivity({ busy, error }), [busy, error, onActivity]);

  if (modelSet.mappers.length === 0) {
    return (
      <p className="alert alert--info">The model set {modelSet.id} has no mappers. Use text edits instead.</p>
    );
  }
  if (image.latent?.space === 'S') {
    return (
      <p className="alert alert--info">
        This image is the result of a text edit. Mappers work on generated faces and on mapper results, so
        apply the mapper to the original face, or keep editing this one with text.
      </p>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(true);
  };
  const chosen = modelSet.mappers.find((m) => m.name === mapper);

  return (
    <form className="stack" style={{ gap: 20 }} onSubmit={submit}>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-mapper`}>
          Mapper
        </label>
        <select
          id={`${id}-mapper`}
          className="select"
          value={mapper}
          onChange={(e) => setMapper(e.target.value)}
        >
          {modelSet.mappers.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </select>
        {chosen && <span className="field__hint">Changes the {mapperLayers(chosen)} layers.</span>}
      </div>
      <Slider
        label="Strength"
        name="strength"
        value={strength}
        min={-2}
        max={3}
        step={0.1}
        onChange={setStrength}
        format={formatStrength}
        hint="1 is the mapper as trained; 0 is the original."
      />
      <div className="row">
        <button type="submit" className="button button--primary">
          Preview mapper
        </button>
        <span className="small muted">
          {applied
            ? 'Strength changes update the preview. Nothing is saved until you keep it.'
            : 'Then drag the strength: the preview follows. Nothing is saved until you keep it.'}
        </span>
      </div>
    </form>
  );
}
