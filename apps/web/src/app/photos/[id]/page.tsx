import type { Metadata } from 'next';
import Link from 'next/link';
import { tryServerRequest } from '../../../shared/api/server';
import { PhotoView } from '../../../features/photo/PhotoView';
import { PhotoQuery } from '../../../features/photo/operations';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Photo' };

export default async function PhotoPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const initial = await tryServerRequest(PhotoQuery, { id });
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/">Gallery</Link> / <Link href={`/images/${id}`}>Image</Link> / Photo
      </nav>
      <PhotoView id={id} initial={initial} />
    </>
  );
}
