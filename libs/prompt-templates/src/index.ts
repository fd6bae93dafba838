export { templates, formatTemplates, TEMPLATE_SETS, type TemplateSet } from './templates';
export {
  promptEmbedding,
  promptEmbeddings,
  textDirection,
  type EncodeTexts,
  type PromptEmbeddingOptions,
  type TextDirectionOptions,
  type TextDirection,
} from './embedding';
export { TextEmbeddingCache, type TextEmbeddingKey, type TextEmbeddingCacheOptions } from './cache';
