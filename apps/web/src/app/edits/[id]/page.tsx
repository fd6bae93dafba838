import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { tryServerRequest } from '../../../shared/api/server';
import { EditView } from '../../../features/editor/EditView';
import { EditQuery } from '../../../features/editor/operations';
import { editTitle } from '../../../features/editor/format';

export const dynamic = 'force-dynamic';

/**
 * The edit, fetched once per request: the query is a POST (with an abort signal), which Next does not dedupe,
 * and both generateMetadata and the page need it.
 */
const getEdit = cache((id: string) => tryServerRequest(EditQuery, { id }));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const data = await getEdit((await params).id);
  return { title: data?.edit ? editTitle(data.edit) : 'Edit' };
}

export default async function EditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const initial = await getEdit(id);
  if (initial && !initial.edit) notFound();
  return <EditView id={id} initial={initial} />;
}
