'use client';
// Upload a photo: drag and drop or the file picker, a progress bar while the bytes go up, and a clear
// message when the file is refused (type, size, dimensions, damaged) or cannot be edited yet.
import { useId, useRef, useState, type DragEvent } from 'react';
import Link from 'next/link';
import type { ImageSummary } from '../../shared/operations';
import { ApiError } from '../../shared/api/errors';
import { useQuery } from '../../shared/api/use-query';
import { formatBytes } from '../../shared/format';
import { ProgressBar } from '../../shared/ui/ProgressBar';
import { cx } from '../../shared/ui/class-names';
import { ACCEPT_ATTRIBUTE, describeLimits, uploadErrorMessage, uploadImage, uploadLimitsOf } from './upload';
import { UploadLimitsQuery } from './operations';
import styles from './UploadPanel.module.css';

type Status =
  | { kind: 'idle' }
  | {
      kind: 'busy';
      file: string;
      size: number;
      phase: 'preparing' | 'uploading' | 'checking';
      progress: number;
    }
  | { kind: 'done'; image: ImageSummary }
  | { kind: 'error'; message: string };

const PHASE_LABEL = { preparing: 'Preparing…', uploading: 'Uploading', checking: 'Checking the image…' };

export function UploadPanel({ onCreated }: { onCreated: (images: ImageSummary[]) => void }) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const busy = status.kind === 'busy';
  // The API's limits (its `parameters`): shown, and checked before uploading once loaded.
  const limits = uploadLimitsOf(useQuery(UploadLimitsQuery, {}).data);

  const upload = async (file: File) => {
    setStatus({ kind: 'busy', file: file.name, size: file.size, phase: 'preparing', progress: 0 });
    try {
      const image = await uploadImage(file, {
        onPhase: (phase) => setStatus((s) => (s.kind === 'busy' ? { ...s, phase } : s)),
        onProgress: (progress) => setStatus((s) => (s.kind === 'busy' ? { ...s, progress } : s)),
        limits,
      });
      setStatus({ kind: 'done', image });
      onCreated([image]);
    } catch (error) {
      const message =
        error instanceof ApiError
          ? uploadErrorMessage(error, file.name)
          : `“${file.name}” could not be uploaded. Please try again.`;
      setStatus({ kind: 'error', message });
    } finally {
      if (inputRef.current) inputRef.current.value = '';
    }
  };

  const onFiles = (files: FileList | null) => {
    const file = files?.[0];
    if (file && !busy) void upload(file);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    onFiles(e.dataTransfer.files);
  };

  return (
    <section className="panel" aria-labelledby={`${inputId}-title`}>
      <div>
        <h2 id={`${inputId}-title`}>Upload a photo</h2>
        <p className="muted small" data-testid="upload-limits">
          {describeLimits(limits)}
        </p>
      </div>
      <div
        className={cx(styles.dropzone, dragging && styles.active)}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span aria-hidden="true" style={{ fontSize: '1.4rem' }}>
          ⇪
        </span>
        <span>
          <strong>Drop an image here</strong> or
        </span>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Image file to upload"
          onChange={(e) => onFiles(e.target.files)}
          disabled={busy}
        />
        <button
          type="button"
          className="button button--small"
          onClick={() => inputRef.current?.click()}
          disabled={busy}
        >
          Choose a file
        </button>
      </div>
      <div aria-live="polite">
        {status.kind === 'busy' && (
          <div className="stack" style={{ gap: 6 }}>
            <div className="row small">
              <span>
                {status.file} <span className="muted">({formatBytes(status.size)})</span>
              </span>
              <span className="spacer" />
              <span className="muted">
                {PHASE_LABEL[status.phase]}
                {status.phase === 'uploading' ? ` ${Math.round(status.progress * 100)} %` : ''}
              </span>
            </div>
            <ProgressBar
              label="Upload progress"
              value={status.phase === 'uploading' ? status.progress : status.phase === 'checking' ? 1 : null}
            />
          </div>
        )}
        {status.kind === 'done' && (
          <p className="alert alert--success">
            Uploaded.{' '}
            {status.image.inversionStatus === 'NOT_CONFIGURED' ? (
              <>
                <Link href={`/images/${status.image.id}`}>Open the photo</Link> — note that uploads cannot be
                edited until an inversion model is configured; your photo is kept.
              </>
            ) : (
              // Its faces are being found and inverted: the photo page shows them as they come.
              <Link href={`/photos/${status.image.id}`}>Open the photo</Link>
            )}
          </p>
        )}
      </div>
      {status.kind === 'error' && (
        <p className="alert alert--error" role="alert" data-testid="upload-error">
          {status.message}
        </p>
      )}
    </section>
  );
}
