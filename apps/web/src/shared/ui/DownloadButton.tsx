/** Downloads a PNG (same-origin through the `/api` proxy, so the `download` name applies). */
export function DownloadButton({
  url,
  filename,
  label = 'Download PNG',
}: {
  url: string;
  filename: string;
  label?: string;
}) {
  return (
    <a className="button" href={url} download={filename} data-testid="download">
      <span aria-hidden="true">⤓</span> {label}
    </a>
  );
}
