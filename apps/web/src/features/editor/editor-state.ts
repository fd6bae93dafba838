// What the editor's parts share: the edit the stage shows, a rendered but unsaved preview, and what the
// controls are doing. Its own module so the editor and its panels import it without importing each other.
import type { EditDetail, EditGlobalInput, EditMapperInput } from './operations';

/** One result of a stored edit (the index into its results). */
export interface EditorSelection {
  edit: EditDetail;
  index: number;
}

/**
 * A rendered but unsaved edit: what the stage shows, and the parameters that store it. `draft`: rendered at the
 * set's preview resolution while a slider moves (the full image follows once it settles).
 */
export type EditorPreview = (
  | { method: 'GLOBAL'; input: EditGlobalInput; alpha: number; dataUrl: string; channels: number }
  | { method: 'MAPPER'; input: EditMapperInput; strength: number; dataUrl: string }
) & { draft: boolean };

/** What the stage shows: a stored edit's result, or a preview. */
export type EditorView =
  { kind: 'edit'; selection: EditorSelection } | { kind: 'preview'; preview: EditorPreview };

/** Whether the active panel is rendering, and why its last request failed (worded for a person). */
export interface EditorActivity {
  busy: boolean;
  error: string | null;
}
