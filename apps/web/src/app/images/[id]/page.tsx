import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { tryServerRequest } from '../../../shared/api/server';
import { ImageView } from '../../../features/gallery/ImageView';
import { ImageQuery } from '../../../features/gallery/operations';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Image' };

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const initial = await tryServerRequest(ImageQuery, { id });
  if (initial && !initial.image) notFound();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/">Gallery</Link> / Image
      </nav>
      <ImageView id={id} initial={initial} />
    </>
  );
}
