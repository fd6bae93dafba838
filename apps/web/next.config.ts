import type { NextConfig } from 'next';

// The browser talks only to this app: `/api/*` is proxied to the GraphQL API (STYLECLIP_API_URL, read at run
// time), so one build runs against any API address.
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Builds for the browser tests go to their own folder so they never clash with `next dev` or a manual build.
  distDir: process.env.STYLECLIP_WEB_DIST_DIR || '.next',
};

export default config;
