import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { tryServerRequest } from '../../../shared/api/server';
import { ModelSetDetail } from '../../../features/model-sets/ModelSetDetail';
import { ModelSetQuery } from '../../../features/model-sets/operations';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Model set ${decodeURIComponent(id)}` };
}

export default async function ModelSetPage({ params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  const initial = await tryServerRequest(ModelSetQuery, { id });
  if (initial && !initial.modelSet) notFound();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/model-sets">Model sets</Link> / {id}
      </nav>
      <ModelSetDetail id={id} initial={initial} />
    </>
  );
}
