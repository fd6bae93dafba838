'use client';
// Mapper edits: one of the model set's trained mappers, at a chosen strength (live once applied).
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { EditDetail, ImageSummary, ModelSet } from '../lib/api/types';
import { request } from '../lib/graphql/client';
import { EditMapperMutation } from '../lib/graphql/operations';
import { userMessage } from '../lib/graphql/errors';
import { useDebouncedValue } from '../lib/use-debounced-value';
import type { EditorActivity, EditorSelection } from './Editor';
import { Slider } from './Slider';

interface Props {
  image: ImageSummary;
  modelSet: ModelSet;
  prefill: EditDetail | null;
  onSelect: (selection: EditorSelection) => void;
  onActivity: (activity: EditorActivity) => void;
}

export function MapperPanel({ image, modelSet, prefill, onSelect, onActivity }: Props) {
  const id = useId();
  const [mapper, setMapper] = useState(prefill?.mapper ?? modelSet.mappers[0]?.name ?? '');
  const [strength, setStrength] = useState(prefill?.strength ?? 1);
  const [applied, setApplied] = useState(false);
  const params = useMemo(
    () => (applied && mapper ? { mapper, strength } : null),
    [applied, mapper, strength],
  );
  const settled = useDebouncedValue(params, 400);
  const key = params ? JSON.stringify(params) : null;
  const settledKey = settled ? JSON.stringify(settled) : null;
  const [done, setDone] = useState<{ key: string | null; error: string | null }>({ key: null, error: null });

  useEffect(() => {
    if (!settled || !settledKey) return;
    const controller = new AbortController();
    request(
      EditMapperMutation,
      { input: { imageId: image.id, mapper: settled.mapper, strength: settled.strength } },
      { signal: controller.signal },
    ).then(
      ({ editMapper }) => {
        setDone({ key: settledKey, error: null });
        onSelect({ edit: editMapper, index: 0 });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setDone({ key: settledKey, error: userMessage(error) });
      },
    );
    return () => controller.abort();
  }, [settled, settledKey, image.id, onSelect]);

  const busy = key !== null && key !== done.key;
  const error = key !== null && key === done.key ? done.error : null;
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
        {chosen && (
          <span className="field__hint">
            Changes the{' '}
            {[chosen.coarse && 'coarse', chosen.medium && 'medium', chosen.fine && 'fine']
              .filter(Boolean)
              .join(', ')}{' '}
            layers.
          </span>
        )}
      </div>
      <Slider
        label="Strength"
        name="strength"
        value={strength}
        min={-2}
        max={3}
        step={0.1}
        onChange={setStrength}
        format={(v) => v.toFixed(1)}
        hint="1 is the mapper as trained; 0 is the original."
      />
      <div className="row">
        <button type="submit" className="button button--primary">
          Apply mapper
        </button>
        {applied && <span className="small muted">Strength changes update the preview.</span>}
      </div>
    </form>
  );
}
