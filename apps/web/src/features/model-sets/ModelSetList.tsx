'use client';
import Link from 'next/link';
import { useQuery } from '../../shared/api/use-query';
import { EmptyState } from '../../shared/ui/EmptyState';
import { ErrorMessage } from '../../shared/ui/ErrorMessage';
import { ModelSetsQuery, type ModelSet } from './operations';

export function ModelSetList({ initial }: { initial: { modelSets: ModelSet[] } | null }) {
  const { data, error, loading, refetch } = useQuery(ModelSetsQuery, {}, { initialData: initial });
  if (loading)
    return (
      <div className="skeleton" style={{ height: 120 }} aria-busy="true" aria-label="Loading model sets" />
    );
  if (error) return <ErrorMessage message={error.userMessage} onRetry={refetch} />;
  const sets = data?.modelSets ?? [];
  if (sets.length === 0)
    return <EmptyState title="No model sets" body="The API has no model set configured." />;
  return (
    <ul
      className="grid"
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
      }}
    >
      {sets.map((m) => (
        <li key={m.id} className="panel stack" style={{ gap: 8 }}>
          <h2>
            <Link href={`/model-sets/${encodeURIComponent(m.id)}`}>{m.id}</Link>
          </h2>
          <p className="muted small">
            {m.size}×{m.size} · {m.mappers.length} mapper{m.mappers.length === 1 ? '' : 's'}
          </p>
          <div className="params">
            <span className={`badge${m.hasDirections ? ' badge--accent' : ''}`}>
              {m.hasDirections ? 'Directions ready' : 'No directions yet'}
            </span>
            <span className="badge">{m.hasClip ? 'CLIP' : 'No CLIP'}</span>
            <span className="badge">{m.inversionConfigured ? 'Uploads editable' : 'No inversion'}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
