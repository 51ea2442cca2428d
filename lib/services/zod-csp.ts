// zod/mini: imported first by every entry point, the content script among them.
import { z } from 'zod/mini';

/*
 * Extension pages and workers forbid eval. zod would otherwise build one function from a string
 * to see whether it may compile its parsers, and a browser reports that attempt as a
 * content-security violation even though zod catches it. Imported before any schema is made,
 * by each entry point.
 */
z.config({ jitless: true });
