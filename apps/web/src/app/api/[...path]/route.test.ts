import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST, PUT } from './route';

let upstream: Server;
let base = '';
const seen: { method: string; url: string; auth?: string; body: string }[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      if (req.url === '/graphql') {
        const bad = body.includes('bad');
        res.writeHead(bad ? 400 : 200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            bad
              ? { errors: [{ message: 'no', extensions: { code: 'BAD_USER_INPUT' } }] }
              : { data: { image: { url: `${base}/files/a.png`, note: `${base}/x` } } },
          ),
        );
      } else if (req.url?.startsWith('/files/')) {
        res.writeHead(200, { 'content-type': 'image/png', 'x-secret': 'no' });
        res.end('PNGBYTES');
      } else {
        res.writeHead(204);
        res.end();
      }
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const address = upstream.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  process.env.STYLECLIP_API_URL = base;
});

afterAll(() => new Promise<void>((r) => upstream.close(() => r())));

const ctx = (...path: string[]) => ({ params: Promise.resolve({ path }) });

describe('the /api proxy', () => {
  it('forwards GraphQL and rewrites API URLs to the proxy', async () => {
    const res = await POST(
      new Request('http://web/api/graphql', {
        method: 'POST',
        body: '{"query":"{ image }"}',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
      }),
      ctx('graphql'),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { image: { url: '/api/files/a.png', note: `${base}/x` } } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/graphql', auth: 'Bearer k' });
  });

  it('passes GraphQL errors in a 200 answer, keeping the API status aside', async () => {
    const res = await POST(
      new Request('http://web/api/graphql', { method: 'POST', body: 'bad' }),
      ctx('graphql'),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-upstream-status')).toBe('400');
    expect((await res.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('streams files with an allow-list of headers, and upload bodies up', async () => {
    const file = await GET(new Request('http://web/api/files/a.png?v=1'), ctx('files', 'a.png'));
    expect(await file.text()).toBe('PNGBYTES');
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('x-secret')).toBeNull();
    expect(seen.at(-1)?.url).toBe('/files/a.png?v=1');
    const put = await PUT(
      new Request('http://web/api/uploads/u1', {
        method: 'PUT',
        body: 'bytes',
        headers: { 'content-type': 'image/png' },
      }),
      ctx('uploads', 'u1'),
    );
    expect(put.status).toBe(204);
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', url: '/uploads/u1', body: 'bytes' });
  });

  it('answers SERVICE_UNREACHABLE when the API is down', async () => {
    const saved = process.env.STYLECLIP_API_URL;
    process.env.STYLECLIP_API_URL = 'http://127.0.0.1:1';
    try {
      const res = await POST(
        new Request('http://web/api/graphql', { method: 'POST', body: '{}' }),
        ctx('graphql'),
      );
      expect((await res.json()).errors[0].extensions.code).toBe('SERVICE_UNREACHABLE');
      const file = await GET(new Request('http://web/api/files/a.png'), ctx('files', 'a.png'));
      expect(file.status).toBe(502);
    } finally {
      process.env.STYLECLIP_API_URL = saved;
    }
  });
});
