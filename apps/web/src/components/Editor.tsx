'use client';
// The editor: the comparison stage on one side, the global-directions and mapper controls on the other.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import type { EditDetail, ImageDetail, ModelSet } from '../lib/api/types';
import { EditQuery, ImageQuery, ModelSetQuery } from '../lib/graphql/operations';
import { useQuery } from '../lib/use-query';
import { EditorStage } from './EditorStage';
import { ErrorMessage } from './ErrorMessage';
import { GlobalDirectionsPanel } from './GlobalDirectionsPanel';
import { MapperPanel } from './MapperPanel';
import { Tabs } from './Tabs';

type Tab = 'global' | 'mapper';

export interface EditorSelection {
  edit: EditDetail;
  index: number;
}

export interface EditorActivity {
  busy: boolean;
  error: string | null;
}

interface Props {
  imageId: string;
  initialImage: ImageDetail | null;
  initialModelSet: ModelSet | null;
  editId: string | null;
  initialEdit: EditDetail | null;
  initialTab: Tab;
}

export function Editor({ imageId, initialImage, initialModelSet, editId, initialEdit, initialTab }: Props) {
  const router = useRouter();
  const image = useQuery(
    ImageQuery,
    { id: imageId },
    { initialData: initialImage ? { image: initialImage } : null },
  );
  const modelSetId = image.data?.image?.modelSetId;
  const modelSet = useQuery(
    ModelSetQuery,
    { id: modelSetId ?? null },
    { initialData: initialModelSet ? { modelSet: initialModelSet } : null, skip: !modelSetId },
  );
  const edit = useQuery(
    EditQuery,
    { id: editId ?? '' },
    { initialData: initialEdit ? { edit: initialEdit } : null, skip: !editId },
  );

  const [tab, setTab] = useState<Tab>(initialTab);
  const [selection, setSelection] = useState<EditorSelection | null>(
    initialEdit ? { edit: initialEdit, index: Math.max(0, initialEdit.results.length - 1) } : null,
  );
  const [activity, setActivity] = useState<EditorActivity>({ busy: false, error: null });

  if (image.error) return <ErrorMessage message={image.error.userMessage} onRetry={image.refetch} />;
  if (modelSet.error) return <ErrorMessage message={modelSet.error.userMessage} onRetry={modelSet.refetch} />;
  const img = image.data?.image;
  const ms = modelSet.data?.modelSet;
  if (image.data && !img) return <ErrorMessage message="This image does not exist." />;
  if (!img || !ms || (editId && edit.loading)) {
    return (
      <div className="skeleton" style={{ height: 480 }} aria-busy="true" aria-label="Loading the editor" />
    );
  }
  const prefill = edit.data?.edit ?? null;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Edit {img.seed != null ? `seed ${img.seed}` : 'image'}</h1>
          <p>Describe a change in words, or apply a trained mapper. Drag the handle to compare.</p>
        </div>
      </div>
      <div className="two-col">
        <EditorStage
          image={img}
          selection={selection}
          activity={activity}
          onUseAsBase={(imageId) => router.push(`/images/${imageId}/edit`)}
        />
        <div className="panel">
          <Tabs
            label="Editing method"
            tabs={[
              { id: 'global', label: 'Text (global directions)' },
              { id: 'mapper', label: 'Mapper' },
            ]}
            value={tab}
            onChange={(t) => setTab(t as Tab)}
          />
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'global' ? (
              <GlobalDirectionsPanel
                image={img}
                modelSet={ms}
                prefill={prefill?.method === 'GLOBAL' ? prefill : null}
                selection={selection}
                onSelect={setSelection}
                onActivity={setActivity}
              />
            ) : (
              <MapperPanel
                image={img}
                modelSet={ms}
                prefill={prefill?.method === 'MAPPER' ? prefill : null}
                onSelect={setSelection}
                onActivity={setActivity}
              />
            )}
          </div>
        </div>
      </div>
    </>
  );
}
