export {
  ClipTokenizer,
  defaultTokenizer,
  tokenize,
  encode,
  decode,
  SOT_ID,
  EOT_ID,
  PAD_ID,
  CONTEXT_LENGTH,
  type TokenizeOptions,
  type TokenizedBatch,
} from './tokenizer';
export { cleanText } from './clean';
export { fixText } from './ftfy';
export { defaultVocabPath, VOCAB_SIZE, MERGE_COUNT, loadVocabulary, type ClipVocabulary } from './vocab';
