// Every size limit of the readers, in one place. Stored (uncompressed) data is bounded by the file itself;
// these bound what a small file could otherwise make us allocate: inflated zip entries, expanded views, headers.

/**
 * No compressed zip entry inflates past this, whatever its header and the tensor metadata say, and no strided
 * view expands its storage past it. Torch writes storages uncompressed, so only re-zipped or hostile files
 * come near it; an honest file over the limit can be re-saved uncompressed.
 */
export const MAX_INFLATED_BYTES = 1 << 30;

/** A pickle inside an archive (`data.pkl`, `constants.pkl`): a whole 1024-px generator's is under 1 MB. */
export const MAX_PICKLE_BYTES = 256 << 20;

/** An .npy header (numpy itself refuses headers over 10 000 bytes by default). */
export const MAX_NPY_HEADER_BYTES = 1 << 16;

/** A safetensors JSON header (the safetensors format's own limit is 100 MB). */
export const MAX_SAFETENSORS_HEADER_BYTES = 100 * 1024 * 1024;
