import { z } from 'zod';

// Imported first by main.tsx, before any module builds a schema. Zod 4 probes for eval
// (`Function('')`) to compile faster parsers; the panel's CSP (script-src 'self') blocks it,
// and Chromium reports every blocked probe as a CSP violation. The panel parses little,
// so the plain interpreter costs nothing worth the noise.
z.config({ jitless: true });
