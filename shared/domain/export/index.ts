import { gatewayApiConfig } from './gateway-api';
import { haproxyConfig } from './haproxy';
import { nginxConfig } from './nginx';
import { slug, type ExportSource } from './source';
import { traefikConfig } from './traefik';

export const EXPORT_FORMATS = ['nginx', 'haproxy', 'traefik', 'gateway-api'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedConfig {
  format: ExportFormat;
  text: string;
  /** A file name to save it as, e.g. "turnout-local.conf". */
  filename: string;
}

const GENERATORS: Record<ExportFormat, { extension: string; generate: (source: ExportSource) => string }> = {
  nginx: { extension: 'nginx.conf', generate: nginxConfig },
  haproxy: { extension: 'haproxy.cfg', generate: (source) => haproxyConfig(source) },
  traefik: { extension: 'traefik.yaml', generate: traefikConfig },
  'gateway-api': { extension: 'httproute.yaml', generate: (source) => gatewayApiConfig(source) },
};

/** The profile as another engine's configuration: pure text, the same input giving the same bytes. */
export function exportConfig(source: ExportSource, format: ExportFormat): ExportedConfig {
  const generator = GENERATORS[format];
  return { format, text: generator.generate(source), filename: `turnout-${slug(source.name)}.${generator.extension}` };
}
