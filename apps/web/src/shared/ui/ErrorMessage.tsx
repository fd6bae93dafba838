'use client';

export function ErrorMessage({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="alert alert--error row" role="alert">
      <span>{message}</span>
      {onRetry && (
        <>
          <span className="spacer" />
          <button type="button" className="button button--small" onClick={onRetry}>
            Try again
          </button>
        </>
      )}
    </div>
  );
}
