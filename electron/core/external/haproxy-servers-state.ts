/** One server of `show servers state BACKEND`: what Turnout checks before it steers anything. */
export interface ServerState {
  backend: string;
  server: string;
  /** srv_admin_state: a bit field; 0x01/0x02/0x04 are forced/inherited/resolver maintenance, 0x08 drain. */
  adminState: number;
  /** srv_uweight: the weight the runtime API last set (or the config's). */
  weight: number;
}

/**
 * Parses `show servers state [BACKEND]`: a format-version line, a "# be_id be_name srv_id
 * srv_name ..." header, then one space-separated row per server. HAProxy answers a missing
 * backend with a sentence instead ("Can't find backend."), which parses to null.
 */
export function parseServersState(text: string): ServerState[] | null {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const head = lines.findIndex((line) => line.startsWith('# '));
  if (head < 0) return null;
  const columns = lines[head]!.slice(2).split(' ');
  const at = (name: string): number => columns.indexOf(name);
  return lines.slice(head + 1).map((line) => {
    const cells = line.split(' ');
    return {
      backend: cells[at('be_name')] ?? '',
      server: cells[at('srv_name')] ?? '',
      adminState: Number(cells[at('srv_admin_state')] ?? 0),
      weight: Number(cells[at('srv_uweight')] ?? 0),
    };
  });
}
