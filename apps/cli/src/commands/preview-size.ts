import { EngineError, type Engine, type RenderOptions } from '@styleclip/editing';
import { CliError } from '../errors';

/** Help of the --preview-size flag, shared by the commands that render. */
export const PREVIEW_SIZE_HELP =
  'render at this size instead of the full one, by stopping the synthesis early (a fast draft): a power of ' +
  "two up to the set's size, or auto (the set's preview resolution, at most a fifth of a full render's cost)";

/** The render options of a --preview-size value (none: the full size), checked against the set. */
export function previewSize(engine: Engine, text: string | undefined): RenderOptions {
  if (text === undefined) return {};
  const resolution =
    text.trim().toLowerCase() === 'auto' ? engine.components.defaultPreviewResolution() : Number(text);
  try {
    engine.components.renderPath(resolution);
  } catch (e) {
    if (e instanceof EngineError) throw new CliError(`--preview-size: ${e.message} (or auto)`);
    throw e;
  }
  return { resolution };
}
