import type { ProfileInput } from '../../shared/domain/profile';

/**
 * Profile number `i`, bulky on purpose: long URLs and one preset per environment make each
 * write span several pages of SQLite's WAL, so a kill mid-write would tear it if anything
 * could (the crash tests).
 */
export function bulkyProfile(i: number, environmentNames: readonly string[]): ProfileInput {
  const names = [...environmentNames];
  return {
    name: `p${i}`,
    listen: `127.0.0.1:${10000 + i}`,
    routing: 'round-robin',
    demo: false,
    environments: names.map((name, index) => ({ name, color: '#2f6fed', url: `http://127.0.0.1:${20000 + index}/${'x'.repeat(200)}`, weight: index === 0 ? 100 : 0 })),
    presets: names.map((name) => ({ name: `all ${name}`, weights: Object.fromEntries(names.map((other) => [other, other === name ? 100 : 0])) })),
  };
}
