import path from 'node:path';
import { trustSteps } from '../../../shared/domain/front-tls';
import { localCaDir } from '../../core/net/front-certificates';
import { LocalCa } from '../../core/net/local-ca';
import { DB_FILE, defaultDataDir } from '../data-dir';
import { expectPositionals, print, type Command } from './common';

const ca: Command = {
  usage: `Usage: turnout tls ca [--db FILE] [--json]

Prints where Turnout's local certificate authority is (made now if there is none yet) and
how to trust it, so browsers and tools accept the certificate Turnout's HTTPS listener uses
when it is given no certificate of its own. Only the CA's certificate is ever copied; its key stays in the data dir (mode 600).
  --db FILE             the database whose data dir holds the CA (default: $XDG_DATA_HOME/turnout/${DB_FILE})`,
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run(parsed, io) {
    expectPositionals(parsed, 'tls ca', []);
    const dbFile = path.resolve((parsed.values.db as string | undefined) ?? path.join(defaultDataDir(io.env), DB_FILE));
    const local = new LocalCa(localCaDir(path.dirname(dbFile)));
    const { cert } = await local.ensureCa();
    const steps = trustSteps(local.caFile);
    const result = { caFile: local.caFile, subject: cert.subject, notAfter: cert.notAfter.toISOString(), steps };
    return print(io, parsed.values, result, () =>
      [
        `CA      ${local.caFile}`,
        `Subject ${cert.subject} (valid until ${result.notAfter.slice(0, 10)})`,
        '',
        'Trust it once (then every certificate Turnout issues is trusted):',
        ...steps.flatMap((step) => [`  ${step.system}:`, ...step.commands.map((command) => `    ${command}`), ...(step.note ? [`    (${step.note})`] : [])]),
        '',
        'curl without installing it: curl --cacert <CA file> https://localhost:8800/',
      ].join('\n'),
    );
  },
};

export const TLS_USAGE = `Usage: turnout tls ca [--db FILE] [--json]

  ca      where the local CA is and how to trust it (Linux, macOS, Windows, Firefox)`;

export const TLS_COMMANDS: Record<string, Command> = { ca };
