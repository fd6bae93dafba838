/**
 * A container health check command: an HTTP GET of `path` on localhost that must answer 2xx (Node's fetch:
 * no curl or wget in the images). The Dockerfile's HEALTHCHECK lines run the same request.
 */
export function httpHealthCommand(port: number, path: string): string[] {
  return [
    'CMD',
    'node',
    '-e',
    `fetch('http://127.0.0.1:${port}${path}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
  ];
}
