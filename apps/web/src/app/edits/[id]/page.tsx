import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EditView } from '../../../components/EditView';
import { tryServerRequest } from '../../../lib/graphql/server';
import { EditQuery } from '../../../lib/graphql/operations';
import { editTitle } from '../../../lib/format';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const data = await tryServerRequest(EditQuery, { id: (await params).id });
  return { title: data?.edit ? editTitle(data.edit) : 'Edit' };
}

export default async function EditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const initial = await tryServerRequest(EditQuery, { id });
  if (initial && !initial.edit) notFound();
  return <EditView id={id} initial={initial} />;
}
