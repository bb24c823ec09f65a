import { z } from 'zod';

/**
 * Imported first by the web app (a side effect on import): under its Content-Security-Policy (script-src 'self', no
 * 'unsafe-eval') zod must not compile validators with `new Function`. Jitless mode also skips zod's eval probe,
 * which runs when the first object schema is built — at import time of the shared schemas — and which the browser
 * reports as a CSP violation even though zod catches it.
 */
z.config({ jitless: true });
