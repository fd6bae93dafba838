// What `next-env.d.ts` provides, committed so a clean clone type-checks before any `next build`.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
