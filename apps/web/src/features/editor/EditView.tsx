'use client';
// The shareable page of one edit: before/after, every result, the parameters, and ways to continue.
import { useState } from 'react';
import Link from 'next/link';
import { formatDate } from '../../shared/format';
import { useQuery } from '../../shared/api/use-query';
import { CompareSlider } from '../../shared/ui/CompareSlider';
import { DownloadButton } from '../../shared/ui/DownloadButton';
import { ErrorMessage } from '../../shared/ui/ErrorMessage';
import { EditQuery, type EditDetail } from './operations';
import { editTitle } from './format';
import { EditParams } from './EditParams';
import { ShareLink } from './ShareLink';
import { StrengthStrip } from './StrengthStrip';

export function EditView({ id, initial }: { id: string; initial: { edit: EditDetail | null } | null }) {
  const { data, error, loading, refetch } = useQuery(EditQuery, { id }, { initialData: initial });
  const [index, setIndex] = useState<number | null>(null);
  if (loading)
    return (
      <div className="skeleton" style={{ height: 480 }} aria-busy="true" aria-label="Loading the edit" />
    );
  if (error) return <ErrorMessage message={error.userMessage} onRetry={refetch} />;
  const edit = data?.edit;
  if (!edit) return <ErrorMessage message="This edit does not exist." />;
  const selected = index ?? edit.results.length - 1;
  const result = edit.results[selected];

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/">Gallery</Link> / <Link href={`/images/${edit.image.id}`}>Image</Link> / Edit
      </nav>
      <div className="page-head">
        <div>
          <h1>{editTitle(edit)}</h1>
          <p>{formatDate(edit.createdAt)}</p>
        </div>
        <Link className="button" href={`/images/${edit.image.id}/edit?edit=${edit.id}`}>
          Open in editor
        </Link>
      </div>
      <div className="two-col">
        <div className="stack">
          {result && (
            <CompareSlider
              before={edit.image.url}
              after={result.image.url}
              beforeAlt="Original face"
              afterAlt="Edited face"
            />
          )}
        </div>
        <div className="stack">
          <section className="panel stack">
            <h2>Parameters</h2>
            <EditParams edit={edit} />
            {edit.topChannels && edit.topChannels.length > 0 && (
              <p className="small muted">
                Strongest channels:{' '}
                {edit.topChannels
                  .slice(0, 5)
                  .map((c) => `${c.layerName ?? `layer ${c.layer}`} #${c.channel}`)
                  .join(', ')}
              </p>
            )}
            {edit.results.length > 1 && <StrengthStrip edit={edit} selected={selected} onSelect={setIndex} />}
          </section>
          {result && (
            <section className="panel stack">
              <div className="row">
                <DownloadButton url={result.image.url} filename={`styleclip-${result.image.id}.png`} />
                <Link className="button button--primary" href={`/images/${result.image.id}/edit`}>
                  Use this as the new base
                </Link>
              </div>
              <ShareLink editId={edit.id} />
            </section>
          )}
        </div>
      </div>
    </>
  );
}
