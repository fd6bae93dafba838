'use client';
// The editor: the comparison stage on one side, the global-directions and mapper controls on the other. The
// stage shows either a stored edit or a live preview (nothing stored) that "Keep this edit" stores.
import { useCallback, useState } from 'react';
import { useRouter } from 'next/navigation';
import { request } from '../../shared/api/client';
import { userMessage } from '../../shared/api/errors';
import { useQuery } from '../../shared/api/use-query';
import { ErrorMessage } from '../../shared/ui/ErrorMessage';
import { Tabs } from '../../shared/ui/Tabs';
import {
  EditGlobalMutation,
  EditMapperMutation,
  EditQuery,
  EditorImageQuery,
  EditorModelSetQuery,
  EditorDefaultsQuery,
  editorDefaultsOf,
  type EditDetail,
  type EditorImage,
  type EditorModelSet,
} from './operations';
import { EditorStage } from './EditorStage';
import { GlobalDirectionsPanel } from './GlobalDirectionsPanel';
import { MapperPanel } from './MapperPanel';
import { OptimizePanel } from './OptimizePanel';
import type { EditorActivity, EditorPreview, EditorSelection, EditorView } from './editor-state';

type Tab = 'global' | 'mapper' | 'optimize';

/**
 * Stores a preview with the mutation of its method (the same input gives the same pixels). A face of an uploaded
 * photo is also pasted back into the photo (previews show the face only).
 */
async function storePreview(preview: EditorPreview, pasteBack: boolean): Promise<EditDetail> {
  const photo = pasteBack ? { pasteBack: true } : {};
  if (preview.method === 'MAPPER') {
    return (await request(EditMapperMutation, { input: { ...preview.input, ...photo } })).editMapper;
  }
  return (await request(EditGlobalMutation, { input: { ...preview.input, ...photo } })).editGlobal;
}

interface Props {
  imageId: string;
  initialImage: EditorImage | null;
  initialModelSet: EditorModelSet | null;
  editId: string | null;
  initialEdit: EditDetail | null;
  initialTab: Tab;
}

export function Editor({ imageId, initialImage, initialModelSet, editId, initialEdit, initialTab }: Props) {
  const router = useRouter();
  const image = useQuery(
    EditorImageQuery,
    { id: imageId },
    { initialData: initialImage ? { image: initialImage } : null },
  );
  const modelSetId = image.data?.image?.modelSetId;
  const modelSet = useQuery(
    EditorModelSetQuery,
    { id: modelSetId ?? null },
    { initialData: initialModelSet ? { modelSet: initialModelSet } : null, skip: !modelSetId },
  );
  const defaults = useQuery(EditorDefaultsQuery, {});
  const edit = useQuery(
    EditQuery,
    { id: editId ?? '' },
    { initialData: initialEdit ? { edit: initialEdit } : null, skip: !editId },
  );

  const [tab, setTab] = useState<Tab>(initialTab);
  const [view, setView] = useState<EditorView | null>(
    initialEdit
      ? { kind: 'edit', selection: { edit: initialEdit, index: Math.max(0, initialEdit.results.length - 1) } }
      : null,
  );
  const [activity, setActivity] = useState<EditorActivity>({ busy: false, error: null });
  const [keeping, setKeeping] = useState<EditorActivity>({
    busy: false,
    error: null,
  });
  const select = useCallback((selection: EditorSelection) => setView({ kind: 'edit', selection }), []);
  const showPreview = useCallback((preview: EditorPreview) => {
    setKeeping({ busy: false, error: null });
    setView({ kind: 'preview', preview });
  }, []);
  const isFace = image.data?.image?.face != null;
  // The only way an edit is stored from a live preview (text or mapper): the user keeps it.
  const keep = useCallback(
    async (preview: EditorPreview) => {
      setKeeping({ busy: true, error: null });
      try {
        const edit = await storePreview(preview, isFace);
        setKeeping({ busy: false, error: null });
        setView({ kind: 'edit', selection: { edit, index: 0 } });
      } catch (error) {
        setKeeping({ busy: false, error: userMessage(error) });
      }
    },
    [isFace],
  );

  if (image.error) return <ErrorMessage message={image.error.userMessage} onRetry={image.refetch} />;
  if (modelSet.error) return <ErrorMessage message={modelSet.error.userMessage} onRetry={modelSet.refetch} />;
  if (defaults.error) return <ErrorMessage message={defaults.error.userMessage} onRetry={defaults.refetch} />;
  const starting = editorDefaultsOf(defaults.data);
  const img = image.data?.image;
  const ms = modelSet.data?.modelSet;
  if (image.data && !img) return <ErrorMessage message="This image does not exist." />;
  if (!img || !ms || !starting || (editId && edit.loading)) {
    return (
      <div className="skeleton" style={{ height: 480 }} aria-busy="true" aria-label="Loading the editor" />
    );
  }
  const prefill = edit.data?.edit ?? null;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            Edit{' '}
            {img.face
              ? `face ${img.face.index + 1} of a photo`
              : img.seed != null
                ? `seed ${img.seed}`
                : 'image'}
          </h1>
          <p>Describe a change in words, or apply a trained mapper. Drag the handle to compare.</p>
        </div>
      </div>
      <div className="two-col">
        <EditorStage
          image={img}
          view={view}
          activity={activity}
          keeping={keeping}
          onKeep={keep}
          onUseAsBase={(imageId) => router.push(`/images/${imageId}/edit`)}
        />
        <div className="panel">
          <Tabs
            label="Editing method"
            tabs={[
              { id: 'global', label: 'Text (global directions)' },
              { id: 'mapper', label: 'Mapper' },
              { id: 'optimize', label: 'Optimize' },
            ]}
            value={tab}
            onChange={(t) => setTab(t as Tab)}
          />
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'global' ? (
              <GlobalDirectionsPanel
                image={img}
                modelSet={ms}
                defaults={starting}
                prefill={prefill?.method === 'GLOBAL' ? prefill : null}
                selection={view?.kind === 'edit' ? view.selection : null}
                onSelect={select}
                onPreview={showPreview}
                onActivity={setActivity}
              />
            ) : tab === 'optimize' ? (
              <OptimizePanel image={img} onResult={(edit) => select({ edit, index: 0 })} />
            ) : (
              <MapperPanel
                image={img}
                modelSet={ms}
                defaults={starting}
                prefill={prefill?.method === 'MAPPER' ? prefill : null}
                onPreview={showPreview}
                onActivity={setActivity}
              />
            )}
          </div>
        </div>
      </div>
    </>
  );
}
