import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { REPO_ROOT } from '../support/turnout-process';

const run = promisify(execFile);
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
const TOKEN = 'dist-token';
/**
 * better-sqlite3 compiles from source on install: 2 min on an idle 2-core machine, 8-9 min
 * on this shared one at load average 16. A guard against a hung install, not a target.
 */
const INSTALL_MS = 15 * 60_000;

interface Served {
  child: ChildProcess;
  proxyUrl: string;
  adminUrl: string;
  output(): string;
}

/**
 * Distribution as a user meets it: `npm pack` of this checkout, then `npm install -g` of
 * that tarball into an empty prefix, then the installed `turnout` on its own: no sources,
 * no devDependencies, no `prepare` (npm runs none for a tarball), only what the tarball and
 * its `dependencies` bring. The build it ships is this checkout's (npm run build:web, and the
 * CLI build the global setup brings up to date).
 */
describe('npm pack, then npm install -g of the tarball', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let packed: string[];
  let installed: string;
  let bin: string;
  let served: Served | undefined;
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, TURNOUT_TOKEN: TOKEN, HOME: temp.dir, XDG_DATA_HOME: path.join(temp.dir, 'data'), TURNOUT_ADMIN: '' });
  const turnout = (...args: string[]): Promise<{ stdout: string; stderr: string }> => run(bin, args, { env: env(), cwd: temp.dir });

  beforeAll(async () => {
    temp = makeTempDir('turnout-dist-');
    expect(fs.existsSync(path.join(REPO_ROOT, 'out', 'renderer', 'index.html')), 'the panel is built (npm run build:web)').toBe(true);
    // --ignore-scripts: packing must not run `prepare` (it would link and rebuild this checkout).
    const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp.dir], { cwd: REPO_ROOT });
    const [result] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    packed = result!.files.map((file) => file.path);
    const prefix = path.join(temp.dir, 'prefix');
    // --prefer-offline: the dependencies come from npm's cache when it has them (CI just ran npm ci).
    const install = ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', path.join(temp.dir, result!.filename)];
    await run('npm', install, { cwd: temp.dir, timeout: INSTALL_MS }).catch((error: { signal?: string; stderr?: string }) => {
      throw new Error(`npm ${install.join(' ')} failed${error.signal ? ` (${error.signal}: over ${INSTALL_MS / 60_000} min?)` : ''}:\n${(error.stderr ?? '').slice(-2000)}`);
    });
    installed = path.join(prefix, 'lib', 'node_modules', 'turnout');
    bin = path.join(prefix, 'bin', 'turnout');
  }, INSTALL_MS + 60_000);

  afterAll(async () => {
    if (served && served.child.exitCode === null) {
      served.child.kill('SIGKILL');
      await new Promise((resolve) => served!.child.once('exit', resolve));
    }
    temp?.cleanup();
  });

  it('packs the built CLI and panel, and no sources or tests', () => {
    expect(packed).toContain('bin/turnout.js');
    expect(packed).toContain('out/cli/turnout.js');
    expect(packed).toContain('out/cli/proxy-worker.js');
    expect(packed).toContain('out/renderer/index.html');
    const strays = packed.filter((file) => !/^(bin\/turnout\.js|out\/cli\/[^/]+\.js|out\/renderer\/.+|package\.json|README\.md)$/.test(file));
    expect(strays).toEqual([]);
  });

  it('imports at run time only Node built-ins and packages listed in dependencies', () => {
    const cli = path.join(installed, 'out', 'cli');
    const imported = new Set<string>();
    for (const file of fs.readdirSync(cli).filter((name) => name.endsWith('.js'))) {
      // Comment lines left out: bundled libraries quote `require('pako')` in their JSDoc.
      const text = fs.readFileSync(path.join(cli, file), 'utf8').split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join('\n');
      for (const match of text.matchAll(/(?:^import\s[^;]*?from\s+|^import\s+|\bimport\(\s*|\brequire\(\s*)["']([^"'./][^"']*)["']/gm)) imported.add(match[1]!);
    }
    const packages = [...imported].filter((name) => !isBuiltin(name)).map((name) => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/'));
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((name) => !Object.hasOwn(pkg.dependencies, name))).toEqual([]);
    expect(fs.existsSync(path.join(installed, 'electron'))).toBe(false);
  });

  it('gives a turnout that prints its version', async () => {
    expect(await turnout('--version')).toEqual({ stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('serves the demo profile, proxies real traffic, serves the panel, and answers status and ratio', async () => {
    served = await startInstalledServe(bin, ['--db', path.join(temp.dir, 'data', 'turnout.db'), '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0'], env());
    expect(served.output()).toMatch(/^Profile Demo/m);
    // The bin's shebang (env -S) started Node with its young generation and heap capped (bin/turnout.js says why).
    const cmdline = fs.readFileSync(`/proc/${served.child.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline).toEqual(expect.arrayContaining(['--max-semi-space-size=4', '--max-old-space-size=1024']));

    const servedBy = async (count: number): Promise<string[]> => {
      const names: string[] = [];
      for (let i = 0; i < count; i++) {
        const response = await fetch(served!.proxyUrl);
        expect(response.status).toBe(200);
        await response.arrayBuffer();
        names.push(response.headers.get('x-served-by') ?? '');
      }
      return names;
    };
    expect(new Set(await servedBy(10))).toEqual(new Set(['blue', 'green']));

    const panel = await fetch(`${served.adminUrl}/`);
    expect(panel.status).toBe(200);
    const html = await panel.text();
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();
    expect((await fetch(new URL(script!, served.adminUrl))).status).toBe(200);

    const status = await turnout('status', '--admin', served.adminUrl);
    expect(status.stderr).toBe('');
    expect(status.stdout).toMatch(/^Profile Demo .*ratio 50 … 50/m);
    expect(await turnout('ratio', '100:0', '--admin', served.adminUrl)).toMatchObject({ stderr: '' });
    expect(new Set(await servedBy(6))).toEqual(new Set(['blue']));

    served.child.kill('SIGTERM');
    const code = await new Promise((resolve) => served!.child.once('exit', resolve));
    expect(code).toBe(0);
  }, 60_000);
});

/** The installed bin (the npm link, not `node …`), until it says "Ready.". */
function startInstalledServe(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the installed turnout serve did not become ready:\n${output}`));
    }, 30_000);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`the installed turnout serve exited with ${code}:\n${output}`));
    };
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready.')) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      const proxyUrl = /^Proxy\s+(http:\/\/\S+)/m.exec(output)?.[1] ?? '';
      const adminUrl = /^Panel\s+(http:\/\/[^/\s]+)/m.exec(output)?.[1] ?? '';
      resolve({ child, proxyUrl, adminUrl, output: () => output });
    });
    child.on('exit', onExit);
  });
}
