// Zod in the console runs without eval: the Content-Security-Policy forbids it (script-src 'self'), and zod's
// probe for it would otherwise be reported as a CSP violation on every page. Imported first by main.tsx.
import { z } from 'zod';

z.config({ jitless: true });
