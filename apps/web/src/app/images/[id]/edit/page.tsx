import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { tryServerRequest } from '../../../../shared/api/server';
import { Editor } from '../../../../features/editor/Editor';
import { EditQuery, EditorImageQuery, EditorModelSetQuery } from '../../../../features/editor/operations';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Editor' };

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function EditorPage({ params, searchParams }: Props) {
  const { id } = await params;
  const sp = await searchParams;
  const editId = typeof sp.edit === 'string' ? sp.edit : null;
  const tab = sp.tab === 'mapper' ? 'mapper' : sp.tab === 'optimize' ? 'optimize' : 'global';
  // The edit does not depend on the image, so it is requested alongside it (tryServerRequest never rejects);
  // the model set needs the image's modelSetId.
  const editRequest = editId ? tryServerRequest(EditQuery, { id: editId }) : null;
  const imageData = await tryServerRequest(EditorImageQuery, { id });
  if (imageData && !imageData.image) notFound();
  const [modelSetData, editData] = await Promise.all([
    imageData?.image ? tryServerRequest(EditorModelSetQuery, { id: imageData.image.modelSetId }) : null,
    editRequest,
  ]);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/">Gallery</Link> / <Link href={`/images/${id}`}>Image</Link> / Editor
      </nav>
      <Editor
        imageId={id}
        initialImage={imageData?.image ?? null}
        initialModelSet={modelSetData?.modelSet ?? null}
        editId={editId}
        initialEdit={editData?.edit ?? null}
        initialTab={
          editData?.edit?.method === 'MAPPER'
            ? 'mapper'
            : editData?.edit?.method === 'OPTIMIZE'
              ? 'optimize'
              : tab
        }
      />
    </>
  );
}
