// Uploading a photo: checks what can be checked in the browser (type, size), asks the API for a ticket, PUTs the
// bytes with progress (XHR, since fetch reports no upload progress), then has the API validate them
// (decodable, dimensions, decompression bombs) and create the image.
import type { ImageSummary } from '../../shared/operations';
import { request } from '../../shared/api/client';
import { ApiError, messageFor, unreachable, type ApiErrorCode } from '../../shared/api/errors';
import { getApiKey } from '../../shared/api/api-key';
import { authorizationHeader } from '../../shared/api/authorization';
import {
  CompleteUploadMutation,
  CreateUploadMutation,
  type UploadLimitsData,
  type UploadTicket,
} from './operations';

/** The file picker's hint (the API's `parameters.createUpload.contentType` decides what is accepted). */
export const ACCEPT_ATTRIBUTE = '.png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp';

/** What the API accepts, from its `parameters` query: the one definition of these limits is the API's. */
export interface UploadLimits {
  maxBytes: number;
  maxWidth: number;
  maxHeight: number;
  contentTypes: readonly string[];
}

/** The limits from the `parameters` query's answer; undefined while any of them is missing. */
export function uploadLimitsOf(data: UploadLimitsData | undefined): UploadLimits | undefined {
  const p = data?.parameters;
  const maxBytes = p?.createUpload.size.max;
  const maxWidth = p?.uploadedImage.width.max;
  const maxHeight = p?.uploadedImage.height.max;
  if (p == null || maxBytes == null || maxWidth == null || maxHeight == null) return undefined;
  return { maxBytes, maxWidth, maxHeight, contentTypes: p.createUpload.contentType.values };
}

/** "20 MB", "1.5 MB", "300 KB". */
export function formatLimitBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

/** One line saying what can be uploaded (generic until the limits are known). */
export function describeLimits(limits: UploadLimits | undefined): string {
  if (!limits) return 'A face photo: PNG, JPEG or WebP.';
  return `A face photo: PNG, JPEG or WebP, up to ${formatLimitBytes(limits.maxBytes)} and ${limits.maxWidth}×${limits.maxHeight} pixels.`;
}

const EXTENSION_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** The content type to declare: the browser's, else from the extension. */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return EXTENSION_TYPES[ext] ?? 'application/octet-stream';
}

const notAnImage = (fileName: string) =>
  `“${fileName}” is not a PNG, JPEG or WebP image. Only these formats can be uploaded.`;

/**
 * A message when the file is refused before any upload, else null. Without the API's limits (not loaded yet)
 * only an empty file is refused here; the API refuses the rest with the same words.
 */
export function checkFile(
  file: { name: string; type: string; size: number },
  limits: UploadLimits | undefined,
): string | null {
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (!limits) return null;
  if (!limits.contentTypes.includes(contentTypeOf(file).toLowerCase())) return notAnImage(file.name);
  if (file.size > limits.maxBytes) {
    return `“${file.name}” is ${formatLimitBytes(file.size)}; images up to ${formatLimitBytes(limits.maxBytes)} are accepted.`;
  }
  return null;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Upload wording for the API's refusals, keyed on the error code and the figures in its extensions (never on
 * message text): damaged files, bytes and pixels are distinct codes.
 */
export function uploadErrorMessage(error: ApiError, fileName: string): string {
  const x = error.extensions;
  switch (error.code) {
    case 'UNSUPPORTED_MEDIA_TYPE':
      return notAnImage(fileName);
    case 'PAYLOAD_TOO_LARGE': {
      const max = num(x.maxBytes);
      return max !== undefined
        ? `“${fileName}” is too large: images up to ${formatLimitBytes(max)} are accepted.`
        : `“${fileName}” is too large to upload.`;
    }
    case 'IMAGE_TOO_MANY_PIXELS': {
      const [w, h, mw, mh] = [num(x.width), num(x.height), num(x.maxWidth), num(x.maxHeight)];
      const size = w !== undefined && h !== undefined ? `${w}×${h} pixels` : 'too large in pixels';
      const limit =
        mw !== undefined && mh !== undefined ? `; images up to ${mw}×${mh} pixels are accepted` : '';
      return `“${fileName}” is ${size}${limit}.`;
    }
    case 'IMAGE_UNDECODABLE':
      return `“${fileName}” could not be read as an image: the file looks damaged or is not really a PNG, JPEG or WebP.`;
    default:
      return error.userMessage;
  }
}

function xhrError(status: number, body: string): ApiError {
  let code: ApiErrorCode | undefined;
  let message: string | undefined;
  let extensions: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(body) as {
      code?: string;
      message?: string;
      error?: { code?: string; message?: string };
      errors?: { message?: string; extensions?: { code?: string; [key: string]: unknown } }[];
    };
    const c = parsed.errors?.[0]?.extensions?.code ?? parsed.error?.code ?? parsed.code;
    message = parsed.errors?.[0]?.message ?? parsed.error?.message ?? parsed.message;
    extensions = parsed.errors?.[0]?.extensions ?? {};
    if (c) code = c as ApiErrorCode;
  } catch {
    // Not JSON: decide from the status.
  }
  code ??=
    status === 413
      ? 'PAYLOAD_TOO_LARGE'
      : status === 415
        ? 'UNSUPPORTED_MEDIA_TYPE'
        : status === 401
          ? 'UNAUTHENTICATED'
          : status === 429
            ? 'RATE_LIMITED'
            : status >= 502 && status <= 504
              ? 'SERVICE_UNREACHABLE'
              : status >= 500
                ? 'INTERNAL_SERVER_ERROR'
                : 'BAD_USER_INPUT';
  return new ApiError(code, messageFor(code, message), message ?? `HTTP ${status}`, extensions);
}

/** PUTs the file to the ticket's URL, reporting progress 0…1. */
export function putWithProgress(
  ticket: UploadTicket,
  file: Blob,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.method || 'PUT', ticket.url);
    for (const h of ticket.headers) {
      if (h.name.toLowerCase() !== 'content-length' && h.name.toLowerCase() !== 'host')
        xhr.setRequestHeader(h.name, h.value);
    }
    if (ticket.url.startsWith('/')) {
      for (const [name, value] of Object.entries(authorizationHeader(getApiKey())))
        xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else reject(xhrError(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(unreachable('upload failed'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

export interface UploadCallbacks {
  onPhase?: (phase: 'preparing' | 'uploading' | 'checking') => void;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** The API's limits, when loaded, to refuse a file before uploading it. */
  limits?: UploadLimits;
}

/** The whole upload; throws ApiError (or an Error with a user message for refused files). */
export async function uploadImage(file: File, callbacks: UploadCallbacks = {}): Promise<ImageSummary> {
  const refused = checkFile(file, callbacks.limits);
  if (refused) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', refused, 'refused in the browser');
  callbacks.onPhase?.('preparing');
  const { createUpload } = await request(
    CreateUploadMutation,
    { input: { filename: file.name, contentType: contentTypeOf(file), size: file.size } },
    { signal: callbacks.signal },
  );
  callbacks.onPhase?.('uploading');
  await putWithProgress(createUpload, file, (f) => callbacks.onProgress?.(f), callbacks.signal);
  callbacks.onPhase?.('checking');
  const { completeUpload } = await request(
    CompleteUploadMutation,
    { uploadId: createUpload.uploadId },
    { signal: callbacks.signal },
  );
  return completeUpload;
}
