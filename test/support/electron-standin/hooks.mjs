/**
 * Module resolution hook (runs on Node's loader thread): the bare specifier `electron`
 * resolves to the stand-in. Everything else resolves as usual.
 */
const STANDIN = new URL('./index.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  // Through the rest of the chain (tsx), which marks it as TypeScript to load.
  if (specifier === 'electron') return next(STANDIN, context);
  return next(specifier, context);
}
