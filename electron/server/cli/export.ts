import fs from 'node:fs/promises';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/domain/export';
import { connect, expectPositionals, UsageError, type Command } from './common';

/** `turnout export FORMAT`: the active profile (or --profile NAME) as another engine's configuration. */
export const exportCommand: Command = {
  usage: `Usage: turnout export nginx|haproxy|traefik|gateway-api [--profile NAME] [--out FILE] [--json]

Writes the active profile, at its current ratio, as configuration for another engine:
  nginx        an http{} snippet for conf.d/ (upstream weights, backup, sticky by cookie)
  haproxy      a complete haproxy.cfg (weighted servers, checks, cookie persistence)
  traefik      Traefik dynamic configuration (weighted service, sticky cookie, health checks)
  gateway-api  a Kubernetes Gateway API HTTPRoute with backendRefs weights
To stdout, or to FILE with --out. --json prints { format, text, filename }.`,
  client: true,
  completes: EXPORT_FORMATS,
  options: { out: { type: 'string' }, profile: { type: 'string' } },
  async run(parsed, io) {
    const [format] = expectPositionals(parsed, 'export', ['FORMAT']);
    if (!(EXPORT_FORMATS as readonly string[]).includes(format!)) throw new UsageError(`export format must be one of ${EXPORT_FORMATS.join(', ')}, got "${format}"`);
    const profile = parsed.values.profile as string | undefined;
    const result = await connect(parsed.values, io).exportConfig({ format: format as ExportFormat, ...(profile !== undefined ? { profile } : {}) });
    const out = parsed.values.out as string | undefined;
    if (out !== undefined) await fs.writeFile(out, result.text);
    if (parsed.values.json) io.out(JSON.stringify(out === undefined ? result : { ...result, file: out }, null, 2));
    else if (out === undefined) io.out(result.text.replace(/\n$/, ''));
    else io.out(`Wrote ${format} configuration to ${out}.`);
    return 0;
  },
};
