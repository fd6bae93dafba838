'use client';
// The shareable page of one edit: before/after, every result, the parameters, and ways to continue.
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { request } from '../../shared/api/client';
import { formatDate } from '../../shared/format';
import { useQuery } from '../../shared/api/use-query';
import { CompareSlider } from '../../shared/ui/CompareSlider';
import { DownloadButton } from '../../shared/ui/DownloadButton';
import { ConfirmAction } from '../../shared/ui/ConfirmAction';
import { ErrorMessage } from '../../shared/ui/ErrorMessage';
import { DeleteEditMutation, EditQuery, type EditDetail } from './operations';
import { editTitle } from './format';
import { EditParams } from './EditParams';
import { ShareLink } from './ShareLink';
import { StrengthStrip } from './StrengthStrip';

export function EditView({ id, initial }: { id: string; initial: { edit: EditDetail | null } | null }) {
  const { data, error, loading, refetch } = useQuery(EditQuery, { id }, { initialData: initial });
  const [index, setIndex] = useState<number | null>(null);
  const router = useRouter();
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
        <div className="row">
          <Link className="button" href={`/images/${edit.image.id}/edit?edit=${edit.id}`}>
            Open in editor
          </Link>
          <ConfirmAction
            label="Delete edit"
            question={
              edit.results.length === 1
                ? 'Delete this edit and its result (with any edits made from it)?'
                : `Delete this edit and its ${edit.results.length} results (with any edits made from them)?`
            }
            confirmLabel="Delete"
            onConfirm={async () => {
              await request(DeleteEditMutation, { id: edit.id });
              router.replace(`/images/${edit.image.id}`);
            }}
          />
        </div>
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
