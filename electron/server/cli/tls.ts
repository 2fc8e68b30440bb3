import path from 'node:path';
import { tlsTrust } from '../../core/control/tls-trust';
import { DB_FILE, defaultDataDir } from '../data-dir';
import { connect, expectPositionals, print, UsageError, type Command } from './common';

const ca: Command = {
  usage: `Usage: turnout tls ca [--db FILE | --admin URL] [--json]

Prints where Turnout's local certificate authority is (made now if there is none yet) and
how to trust it, so browsers and tools accept the certificate Turnout's HTTPS listener uses
when it is given no certificate of its own. Only the CA's certificate is ever copied; its key stays in the data dir (mode 600).
  --db FILE             the database whose data dir holds the CA (default: $XDG_DATA_HOME/turnout/${DB_FILE});
                        read here, no running Turnout needed
  --admin URL           ask that running Turnout instead (contract method tlsTrust): the CA of
                        its data dir, e.g. the desktop app's`,
  client: true,
  options: { db: { type: 'string' } },
  async run(parsed, io) {
    expectPositionals(parsed, 'tls ca', []);
    const asked = parsed.values.admin !== undefined || parsed.values.token !== undefined;
    if (asked && parsed.values.db !== undefined) throw new UsageError('tls ca takes --db (read the data dir here) or --admin (ask a running Turnout), not both');
    // Without --admin the contract's tlsTrust runs here: the CA is a file in the data dir, and the steps need no running Turnout.
    const dbFile = path.resolve((parsed.values.db as string | undefined) ?? path.join(defaultDataDir(io.env), DB_FILE));
    const result = asked ? await connect(parsed.values, io).tlsTrust({}) : await tlsTrust(path.dirname(dbFile));
    const { steps } = result;
    return print(io, parsed.values, result, () =>
      [
        `CA      ${result.caFile}`,
        `Subject ${result.subject} (valid until ${result.notAfter.slice(0, 10)})`,
        '',
        'Trust it once (then every certificate Turnout issues is trusted):',
        ...steps.flatMap((step) => [`  ${step.system}:`, ...step.commands.map((command) => `    ${command}`), ...(step.note ? [`    (${step.note})`] : [])]),
        '',
        'curl without installing it: curl --cacert <CA file> https://localhost:8800/',
      ].join('\n'),
    );
  },
};

export const TLS_USAGE = `Usage: turnout tls ca [--db FILE | --admin URL] [--json]

  ca      where the local CA is and how to trust it (Linux, macOS, Windows, Firefox)`;

export const TLS_COMMANDS: Record<string, Command> = { ca };
