import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The repository is the workspace root; never guess from lockfiles further up.
  turbopack: { root },
  outputFileTracingRoot: root,
  // Types are checked for the whole repository by `npm run typecheck` (tsc); the page build
  // does not repeat it, so work in progress elsewhere (engine tests…) cannot block it.
  typescript: { ignoreBuildErrors: true },
  // Browsers still ask for /favicon.ico on pages they load before the icon link (redirects,
  // error pages): answer with the app icon instead of a 404.
  async rewrites() {
    return [{ source: '/favicon.ico', destination: '/icon.svg' }];
  },
};

export default nextConfig;
