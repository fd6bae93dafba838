'use client';
import { mapperLayers } from '../../shared/format';
import { useQuery } from '../../shared/api/use-query';
import { ErrorMessage } from '../../shared/ui/ErrorMessage';
import { ModelSetQuery, type ModelSet } from './operations';
import { PrecomputeDirections } from './PrecomputeDirections';

export function ModelSetDetail({
  id,
  initial,
}: {
  id: string;
  initial: { modelSet: ModelSet | null } | null;
}) {
  const { data, error, loading, refetch } = useQuery(ModelSetQuery, { id }, { initialData: initial });
  if (loading)
    return (
      <div className="skeleton" style={{ height: 240 }} aria-busy="true" aria-label="Loading model set" />
    );
  if (error) return <ErrorMessage message={error.userMessage} onRetry={refetch} />;
  const m = data?.modelSet;
  if (!m) return <ErrorMessage message="This model set does not exist." />;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{m.id}</h1>
          <p>
            StyleGAN2 generator, {m.size}×{m.size} pixels.
          </p>
        </div>
      </div>
      <div className="two-col">
        <section className="panel" aria-labelledby="ms-facts">
          <h2 id="ms-facts" className="panel__title">
            Details
          </h2>
          <dl className="facts">
            <dt>Resolution</dt>
            <dd>
              {m.size}×{m.size}
            </dd>
            <dt>Style dimension</dt>
            <dd>{m.styleDim}</dd>
            <dt>W+ layers</dt>
            <dd>{m.nLatent}</dd>
            <dt>CLIP</dt>
            <dd>{m.hasClip ? 'Included' : 'Not included (text edits unavailable)'}</dd>
            <dt>Uploads</dt>
            <dd>
              {m.inversionConfigured
                ? 'Editable (inversion configured)'
                : 'Kept, not editable (no inversion model)'}
            </dd>
            <dt>Mappers</dt>
            <dd>
              {m.mappers.length === 0
                ? 'None'
                : m.mappers.map((mp) => `${mp.name} (${mapperLayers(mp)})`).join('; ')}
            </dd>
            <dt>Directions</dt>
            <dd>
              {m.directions
                ? `${m.directions.rows} rows, ${m.directions.layers.length} layers${m.directions.images ? `, from ${m.directions.images} images` : ''} (${m.directions.origin})`
                : 'Not computed yet'}
            </dd>
          </dl>
        </section>
        <PrecomputeDirections modelSet={m} onDone={refetch} />
      </div>
    </>
  );
}
