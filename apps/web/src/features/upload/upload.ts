// Uploading a photo: checks what can be checked in the browser (type, size), asks the API for a ticket, PUTs the
// bytes with progress (XHR, since fetch reports no upload progress), then has the API validate them
// (decodable, dimensions, decompression bombs) and create the image.
import type { ImageSummary } from '../../shared/operations';
import { request } from '../../shared/api/client';
import { ApiError, messageFor, unreachable, type ApiErrorCode } from '../../shared/api/errors';
import { getApiKey } from '../../shared/api/api-key';
import { authorizationHeader } from '../../shared/api/authorization';
import { CompleteUploadMutation, CreateUploadMutation, type UploadTicket } from './operations';

export const ACCEPTED_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const ACCEPT_ATTRIBUTE = '.png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp';
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_DIMENSION = 4096;

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

/** A message when the file is refused before any upload, else null. */
export function checkFile(file: { name: string; type: string; size: number }): string | null {
  const type = contentTypeOf(file);
  if (!(ACCEPTED_TYPES as readonly string[]).includes(type)) {
    return `“${file.name}” is not a PNG, JPEG or WebP image. Only these formats can be uploaded.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > MAX_UPLOAD_BYTES) {
    return `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; images up to 20 MB are accepted.`;
  }
  return null;
}

/** Upload-specific wording for the API's codes (the server's message is kept when it is for users). */
export function uploadErrorMessage(error: ApiError, fileName: string): string {
  const reason = String(error.extensions.reason ?? error.detail ?? '').toLowerCase();
  switch (error.code) {
    case 'UNSUPPORTED_MEDIA_TYPE':
      return `“${fileName}” is not a PNG, JPEG or WebP image. Only these formats can be uploaded.`;
    case 'PAYLOAD_TOO_LARGE':
      if (/dimension|pixel|width|height|\d+\s*[×x]\s*\d+/.test(reason)) {
        return `“${fileName}” is too large in pixels: images up to ${MAX_DIMENSION}×${MAX_DIMENSION} are accepted.`;
      }
      return `“${fileName}” is too large: images up to 20 MB are accepted.`;
    case 'BAD_USER_INPUT':
      if (/dimension|pixels|too large|\d+\s*[×x]\s*\d+/.test(reason)) {
        return `“${fileName}” is too large in pixels: images up to ${MAX_DIMENSION}×${MAX_DIMENSION} are accepted.`;
      }
      if (/corrupt|decode|invalid|truncat|not a valid|cannot read|unreadable|malformed/.test(reason)) {
        return `“${fileName}” could not be read as an image: the file looks damaged or is not really a PNG, JPEG or WebP.`;
      }
      return error.userMessage;
    default:
      return error.userMessage;
  }
}

function xhrError(status: number, body: string): ApiError {
  let code: ApiErrorCode | undefined;
  let message: string | undefined;
  try {
    const parsed = JSON.parse(body) as {
      code?: string;
      message?: string;
      error?: { code?: string; message?: string };
      errors?: { message?: string; extensions?: { code?: string } }[];
    };
    const c = parsed.errors?.[0]?.extensions?.code ?? parsed.error?.code ?? parsed.code;
    message = parsed.errors?.[0]?.message ?? parsed.error?.message ?? parsed.message;
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
  return new ApiError(code, messageFor(code, message), message ?? `HTTP ${status}`);
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
}

/** The whole upload; throws ApiError (or an Error with a user message for refused files). */
export async function uploadImage(file: File, callbacks: UploadCallbacks = {}): Promise<ImageSummary> {
  const refused = checkFile(file);
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
