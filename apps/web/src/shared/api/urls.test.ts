import { describe, expect, it } from 'vitest';
import { rewriteApiUrls, toProxyUrl } from './urls';

describe('API URLs through the proxy', () => {
  const base = 'http://127.0.0.1:4000';

  it('rewrites URLs on the API origin and relative ones', () => {
    expect(toProxyUrl('http://127.0.0.1:4000/files/a.png?x=1', base)).toBe('/api/files/a.png?x=1');
    expect(toProxyUrl('/files/a.png', base)).toBe('/api/files/a.png');
    expect(toProxyUrl('/api/files/a.png', base)).toBe('/api/files/a.png');
  });

  it('leaves other origins (presigned S3) alone', () => {
    const s3 = 'https://bucket.s3.amazonaws.com/a.png?X-Amz-Signature=abc';
    expect(toProxyUrl(s3, base)).toBe(s3);
    expect(toProxyUrl('http://127.0.0.1:4001/a.png', base)).toBe('http://127.0.0.1:4001/a.png');
    expect(toProxyUrl('//evil.example/a.png', base)).toBe('//evil.example/a.png');
  });

  it('strips a base path the API is mounted under', () => {
    expect(toProxyUrl('https://x.test/styleclip/files/a.png', 'https://x.test/styleclip')).toBe(
      '/api/files/a.png',
    );
  });

  it('rewrites only `url` fields, at any depth', () => {
    const data = {
      image: { url: `${base}/f/1.png`, note: `${base}/f/1.png`, edits: [{ url: `${base}/f/2.png` }] },
    };
    expect(rewriteApiUrls(data, base)).toEqual({
      image: { url: '/api/f/1.png', note: `${base}/f/1.png`, edits: [{ url: '/api/f/2.png' }] },
    });
  });
});
