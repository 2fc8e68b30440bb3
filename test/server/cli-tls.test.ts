import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports';
import { makeTempDir } from '../support/temp-dir';
import { selfSignedCert } from '../support/tls-cert';
import { cliAgainst, runCli, startServeWithBackends, type ServeWithBackends } from '../support/turnout-process';

const run = promisify(execFile);
const token = 'tls-cli-token';

/** curl trusting only Turnout's CA (never -k): "<status> <http version>". */
async function curlStatus(url: string, caFile: string, ...extra: string[]): Promise<string> {
  const { stdout } = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{http_version}', '--cacert', caFile, ...extra, url]);
  return stdout;
}

describe('turnout serve --tls, turnout tls ca (built CLI, curl)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let running: ServeWithBackends | undefined;

  afterAll(async () => {
    await running?.stop();
    temp?.cleanup();
  });

  it('serves HTTPS (HTTP/2 and HTTP/1.1) with a certificate from the local CA that `tls ca` names, and redirects plain HTTP', async () => {
    temp = makeTempDir();
    const redirect = await freePort();
    running = await startServeWithBackends(temp.dir, token, ['--tls', '--tls-name', 'app.test', '--tls-redirect', String(redirect)]);
    const proxy = new URL(running.serve.proxyUrl);
    expect(proxy.protocol).toBe('https:');
    const ca = await runCli(['tls', 'ca', '--db', path.join(temp.dir, 'turnout.db'), '--json']);
    expect(ca.code).toBe(0);
    const { caFile, steps } = JSON.parse(ca.stdout) as { caFile: string; steps: { system: string; commands: string[] }[] };
    expect(caFile).toBe(path.join(temp.dir, 'tls', 'turnout-local-ca.pem'));
    expect(steps.map((step) => step.system)).toEqual(['Debian / Ubuntu', 'Fedora / RHEL', 'macOS', 'Windows (admin prompt)', 'Firefox (own store)']);
    expect(fs.statSync(path.join(temp.dir, 'tls', 'turnout-local-ca.key')).mode & 0o777).toBe(0o600);
    // Asked of the running Turnout (contract method tlsTrust): the same answer, from its own data dir.
    const asked = await runCli(['tls', 'ca', '--admin', running.serve.adminUrl, '--json'], { TURNOUT_TOKEN: token });
    expect([asked.code, asked.stderr, JSON.parse(asked.stdout || '{}')]).toEqual([0, '', JSON.parse(ca.stdout)]);
    const both = await runCli(['tls', 'ca', '--admin', running.serve.adminUrl, '--db', path.join(temp.dir, 'turnout.db')], { TURNOUT_TOKEN: token });
    expect([both.code, both.stderr]).toEqual([2, 'turnout: tls ca takes --db (read the data dir here) or --admin (ask a running Turnout), not both (see --help)\n']);
    expect(await curlStatus(`https://localhost:${proxy.port}/`, caFile, '--http2')).toBe('200 2');
    expect(await curlStatus(`https://localhost:${proxy.port}/`, caFile, '--http1.1')).toBe('200 1.1');
    expect(await curlStatus(`https://app.test:${proxy.port}/`, caFile, '--resolve', `app.test:${proxy.port}:127.0.0.1`)).toBe('200 2');
    const { stdout } = await run('curl', ['-sS', '-i', '-X', 'POST', `http://127.0.0.1:${redirect}/form?a=1`]);
    expect(stdout).toMatch(/^HTTP\/1\.1 308/);
    expect(stdout).toContain(`location: https://127.0.0.1:${proxy.port}/form?a=1`);
    const { ok } = cliAgainst(() => running!.serve.adminUrl, token);
    expect(JSON.parse(await ok('profile', 'show', '--json')).profile.tls).toEqual({ enabled: true, names: ['app.test'], redirectHttpPort: redirect });
  });

  it('refuses a key that is not the certificate\'s, or a missing file, in one line naming the file; nothing is stored', async () => {
    const { cli, ok } = cliAgainst(() => running!.serve.adminUrl, token);
    const a = selfSignedCert();
    const b = selfSignedCert();
    const certFile = path.join(temp.dir, 'own.pem');
    const keyFile = path.join(temp.dir, 'other.key');
    fs.writeFileSync(certFile, a.cert);
    fs.writeFileSync(keyFile, b.key);
    const before = await ok('profile', 'list', '--json');
    const mismatch = await cli('profile', 'create', 'Secure', '--backend', 'blue=http://127.0.0.1:1', '--backend', 'green=http://127.0.0.1:2', '--tls-cert', certFile, '--tls-key', keyFile);
    expect([mismatch.code, mismatch.stderr]).toEqual([1, `turnout: ${keyFile} is not the key of the certificate in ${certFile}\n`]);
    const missing = await cli('profile', 'edit', JSON.parse(before)[0].name, '--tls-cert', path.join(temp.dir, 'nope.pem'), '--tls-key', keyFile);
    expect([missing.code, missing.stderr]).toEqual([1, `turnout: cannot read the certificate file ${path.join(temp.dir, 'nope.pem')}: no such file\n`]);
    expect(await ok('profile', 'list', '--json')).toBe(before);
    // The listener was never touched: still HTTPS with the local CA's certificate.
    const caFile = path.join(temp.dir, 'tls', 'turnout-local-ca.pem');
    expect(await curlStatus(`https://localhost:${new URL(running!.serve.proxyUrl).port}/`, caFile)).toBe('200 2');
  });

  it.runIf(process.platform === 'linux')('says in one line when the data dir cannot be made, instead of hanging (a --db under /proc)', async () => {
    const answer = await runCli(['tls', 'ca', '--db', '/proc/turnout-nowhere/turnout.db']);
    expect([answer.code, answer.stderr]).toEqual([1, "turnout: cannot create /proc/turnout-nowhere: ENOENT: no such file or directory, mkdir '/proc/turnout-nowhere'\n"]);
  });
});
