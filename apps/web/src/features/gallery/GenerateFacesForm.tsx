'use client';
import { useId, useState, type FormEvent } from 'react';
import Link from 'next/link';
import type { ImageSummary } from '../../shared/operations';
import { request } from '../../shared/api/client';
import { userMessage } from '../../shared/api/errors';
import { useQuery } from '../../shared/api/use-query';
import { Slider } from '../../shared/ui/Slider';
import { GenerateImagesMutation, GenerateLimitsQuery } from './operations';
import { parseSeeds } from './seeds';

/** The slider shows ψ up to 1 (no truncation); the API may accept more (extrapolation), never less. */
const TRUNCATION_SLIDER_MAX = 1;

/**
 * "Generate faces": seeds (a list or ranges) and truncation ψ. The seed count limit and ψ's range and default
 * are the API's (`parameters.generateImages`): the form waits for them.
 */
export function GenerateFacesForm({ onCreated }: { onCreated: (images: ImageSummary[]) => void }) {
  const seedsId = useId();
  const [seeds, setSeeds] = useState('1');
  // null: the API's default (until the user moves the slider).
  const [chosenTruncation, setTruncation] = useState<number | null>(null);
  const limits = useQuery(GenerateLimitsQuery, {}).data?.parameters.generateImages;
  const maxSeeds = limits?.seeds.maxItems ?? undefined;
  const truncation = chosenTruncation ?? limits?.truncation.default ?? null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ImageSummary[]>([]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (maxSeeds === undefined || truncation === null) return; // the button is disabled until the limits load
    const parsed = parseSeeds(seeds, maxSeeds);
    if (typeof parsed === 'string') {
      setError(parsed);
      return;
    }
    setBusy(true);
    setError(null);
    setCreated([]);
    try {
      const { generateImages } = await request(GenerateImagesMutation, {
        input: { seeds: parsed, truncation },
      });
      setCreated(generateImages);
      onCreated(generateImages);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby={`${seedsId}-title`}>
      <div>
        <h2 id={`${seedsId}-title`}>Generate faces</h2>
        <p className="muted small">Each seed gives one face; ψ trades variety for typicality.</p>
      </div>
      <div className="form-row">
        <div className="field">
          <label className="field__label" htmlFor={seedsId}>
            Seeds
          </label>
          <div className="row" style={{ flexWrap: 'nowrap' }}>
            <input
              id={seedsId}
              className="input"
              style={{ flex: 1, minWidth: 0 }}
              value={seeds}
              onChange={(e) => setSeeds(e.target.value)}
              inputMode="numeric"
              aria-describedby={`${seedsId}-hint`}
              aria-invalid={!!error}
              autoComplete="off"
            />
            <button
              type="button"
              className="button"
              onClick={() => setSeeds(String(Math.floor(Math.random() * 100_000)))}
              title="Pick a random seed"
            >
              Random
            </button>
          </div>
          <span className="field__hint" id={`${seedsId}-hint`}>
            e.g. 7 or 1, 2, 10-12{maxSeeds !== undefined && ` (up to ${maxSeeds})`}
          </span>
        </div>
        {limits && truncation !== null && (
          <Slider
            label="Truncation ψ"
            name="truncation"
            value={truncation}
            min={limits.truncation.min ?? 0}
            max={Math.min(TRUNCATION_SLIDER_MAX, limits.truncation.max ?? TRUNCATION_SLIDER_MAX)}
            step={0.05}
            onChange={setTruncation}
            format={(v) => v.toFixed(2)}
          />
        )}
      </div>
      <div className="row">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || maxSeeds === undefined || truncation === null}
        >
          {busy && <span className="spinner" aria-hidden="true" />}
          {busy ? 'Generating…' : 'Generate'}
        </button>
        <div aria-live="polite" className="small">
          {created.length > 0 && (
            <span className="muted">
              Generated{' '}
              {created.length === 1 ? (
                <Link href={`/images/${created[0]!.id}`}>1 face</Link>
              ) : (
                `${created.length} faces`
              )}
              .
            </span>
          )}
        </div>
      </div>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
