'use client';
// Train a latent mapper for a text, as a job: the text, its name, steps, batch and λs (defaults from the API's
// parameter schema), then the live loss chart, the held-out evaluations and their preview grid; when it ends,
// the mapper is in the model set (the editor's Mapper tab lists it) and its official checkpoint downloads.
import { useId, useState, type FormEvent } from 'react';
import Link from 'next/link';
import { request } from '../../shared/api/client';
import { userMessage } from '../../shared/api/errors';
import { useQuery } from '../../shared/api/use-query';
import { ErrorMessage } from '../../shared/ui/ErrorMessage';
import { isActive } from '../jobs/job-state';
import { TrainingJobView } from './TrainingJobView';
import { TrainingParametersQuery, TrainMapperMutation, type TrainingJob } from './operations';

type NumberField = 'steps' | 'batch' | 'lr' | 'clipLambda' | 'l2Lambda' | 'idLambda' | 'seedCount';

const FIELDS: { key: NumberField; label: string; step?: string }[] = [
  { key: 'steps', label: 'Steps' },
  { key: 'batch', label: 'Batch' },
  { key: 'seedCount', label: 'Training faces (seeds)' },
  { key: 'lr', label: 'Learning rate', step: 'any' },
  { key: 'clipLambda', label: 'λ CLIP', step: 'any' },
  { key: 'l2Lambda', label: 'λ L2', step: 'any' },
  { key: 'idLambda', label: 'λ ID', step: 'any' },
];

export function TrainMapperForm() {
  const id = useId();
  const params = useQuery(TrainingParametersQuery, {});
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Partial<Record<NumberField, number>>>({});
  const [optimizer, setOptimizer] = useState<'RANGER' | 'ADAM'>('RANGER');
  const [groups, setGroups] = useState({ coarse: true, medium: true, fine: true });
  const [job, setJob] = useState<TrainingJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (params.error) return <ErrorMessage message={params.error.userMessage} onRetry={params.refetch} />;
  const d = params.data?.parameters.trainMapper;
  const set = params.data?.modelSet;
  if (set && !set.hasClip)
    return (
      <p className="alert alert--info">
        The model set {set.id} has no CLIP model: mappers cannot be trained.
      </p>
    );

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input = { text, ...(name ? { name } : {}), ...values, optimizer, ...groups };
      setJob((await request(TrainMapperMutation, { input })).trainMapper);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const shown = (k: NumberField) =>
    values[k] ?? (d?.[k] as { default?: number | null } | undefined)?.default ?? '';
  const mapper = job?.trainedMapper;

  return (
    <div className="two-col">
      <form className="panel stack" onSubmit={start} aria-label="Train a mapper">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-text`}>
            Text
          </label>
          <input
            id={`${id}-text`}
            className="input"
            value={text}
            required
            maxLength={300}
            placeholder="mohawk hairstyle"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            Name (optional)
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            pattern="[A-Za-z0-9_\-]+"
            maxLength={64}
            placeholder="from the text"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="form-row" style={{ flexWrap: 'wrap' }}>
          {FIELDS.map((f) => (
            <div className="field" key={f.key}>
              <label className="field__label" htmlFor={`${id}-${f.key}`}>
                {f.label}
              </label>
              <input
                id={`${id}-${f.key}`}
                className="input"
                type="number"
                min={0}
                step={f.step}
                value={shown(f.key)}
                onChange={(e) =>
                  setValues((v) => {
                    const next = { ...v };
                    if (e.target.value === '') delete next[f.key];
                    else next[f.key] = Number(e.target.value);
                    return next;
                  })
                }
              />
            </div>
          ))}
        </div>
        <div className="form-row">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-optimizer`}>
              Optimizer
            </label>
            <select
              id={`${id}-optimizer`}
              className="select"
              value={optimizer}
              onChange={(e) => setOptimizer(e.target.value as 'RANGER' | 'ADAM')}
            >
              <option value="RANGER">Ranger (official)</option>
              <option value="ADAM">Adam</option>
            </select>
          </div>
          <fieldset className="field" style={{ border: 0, padding: 0 }}>
            <legend className="field__label">Layers</legend>
            <div className="row small">
              {(['coarse', 'medium', 'fine'] as const).map((g) => (
                <label key={g}>
                  <input
                    type="checkbox"
                    checked={groups[g]}
                    onChange={(e) => setGroups((x) => ({ ...x, [g]: e.target.checked }))}
                  />{' '}
                  {g}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <div className="row">
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || (job !== null && isActive(job)) || !text.trim()}
          >
            Train
          </button>
        </div>
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
      </form>
      <section className="panel stack" aria-label="Training">
        {job ? (
          <TrainingJobView key={job.id} initial={job} onFinished={(j) => setJob(j)} />
        ) : (
          <p className="muted small">
            The loss chart, the held-out evaluations and their faces appear here while the mapper trains.
          </p>
        )}
        {mapper && (
          <div className="alert alert--info stack" data-testid="trained-mapper">
            <p>
              Mapper <strong>{mapper.name}</strong> is ready: pick it in the editor’s Mapper tab.
            </p>
            <div className="row">
              <Link className="button button--small" href="/">
                Choose a face to edit
              </Link>
              <a className="button button--small" href={mapper.checkpointUrl} download={`${mapper.name}.pt`}>
                Download the checkpoint (official format)
              </a>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
