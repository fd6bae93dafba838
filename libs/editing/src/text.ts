import { TextEmbeddingCache, textDirection, type TextDirection } from '@styleclip/prompt-templates';
import { defaultTokenizer } from '@styleclip/tokenizer';
import { concatRows } from '@styleclip/latent-math';
import { EngineError, type Components } from './components';

export interface TextDirectionResult extends TextDirection {
  /** Prompts longer than the context, cut to start + 75 tokens + end. */
  truncated: string[];
}

/**
 * CLIP text features for the engine: tokenizes (flagging truncation), encodes in batches, and caches prompt
 * embeddings per (text model sha256, template set, text), so a repeated prompt costs nothing.
 */
export class TextEncoder {
  private readonly cache = new TextEmbeddingCache({ maxEntries: 2048 });

  constructor(private readonly components: Components) {}

  get modelHash(): string {
    return this.components.clip.text.sha256;
  }

  /** Encodes raw strings (no templates): [n, E] rows, not normalized. */
  async encode(texts: string[], truncated?: Set<string>): Promise<Float32Array> {
    const tokenizer = defaultTokenizer();
    const parts = [];
    for (let start = 0; start < texts.length; start += 80) {
      const chunk = texts.slice(start, start + 80);
      const batch = tokenizer.tokenize(chunk, {
        truncate: true,
        contextLength: this.components.clip.config.contextLength,
      });
      batch.truncated.forEach((t, i) => t && truncated?.add(chunk[i]!));
      parts.push(await this.components.clipText({ shape: batch.shape, data: batch.ids }));
    }
    return concatRows(parts).data;
  }

  /** Δt = normalize(t_target − t_neutral) with the 79 StyleCLIP templates. */
  async direction(neutral: string, target: string): Promise<TextDirectionResult> {
    for (const [name, text] of [
      ['neutral', neutral],
      ['target', target],
    ] as const) {
      if (typeof text !== 'string' || text.trim() === '')
        throw new EngineError(`${name} text is empty`, 'bad_parameter');
      if (text.length > 1000)
        throw new EngineError(`${name} text is longer than 1000 characters`, 'bad_parameter');
    }
    const truncated = new Set<string>();
    try {
      const d = await textDirection(neutral, target, (texts) => this.encode(texts, truncated), {
        cache: this.cache,
        modelHash: this.modelHash,
      });
      return { ...d, truncated: [...truncated] };
    } catch (e) {
      if (e instanceof EngineError) throw e;
      throw new EngineError((e as Error).message, 'bad_parameter');
    }
  }
}
