import type { FastifyStaticOptions } from '@fastify/static';

/** Vite's hashed build output (`assets/name-<hash>.js`): a changed file gets a new name, so it may be cached for good. */
const HASHED_ASSET = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}(\.[a-z0-9]+)+$/;

/** `Cache-Control` for a file of the web build: immutable for hashed assets, revalidate everything else (index.html). */
export function cacheControlFor(filePath: string): string {
  return HASHED_ASSET.test(filePath.replaceAll('\\', '/')) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The web app's files: the `.br` / `.gz` twins written at build time (web/precompress.ts) are sent with
 * `Content-Encoding` to browsers that accept them; hashed assets are immutable, index.html is revalidated each time.
 */
export function staticOptions(root: string): FastifyStaticOptions {
  return {
    root,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    // The build manifest and the compressed twins are not pages of their own.
    globIgnore: ['.vite/**', '**/*.br', '**/*.gz'],
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', cacheControlFor(filePath));
      res.setHeader('vary', 'accept-encoding');
    },
  };
}
