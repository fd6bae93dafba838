import type { Metadata } from 'next';
import { tryServerRequest } from '../../shared/api/server';
import { ModelSetList } from '../../features/model-sets/ModelSetList';
import { ModelSetsQuery } from '../../features/model-sets/operations';

export const metadata: Metadata = { title: 'Model sets' };
export const dynamic = 'force-dynamic';

export default async function ModelSetsPage() {
  const initial = await tryServerRequest(ModelSetsQuery, {});
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Model sets</h1>
          <p>The generators this service edits with, their mappers and precomputed directions.</p>
        </div>
      </div>
      <ModelSetList initial={initial} />
    </>
  );
}
