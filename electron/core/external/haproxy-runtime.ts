import net from 'node:net';
import { parseRuntimeAddress } from '../../../shared/domain/haproxy-attach';

const COMMAND_TIMEOUT_MS = 2000;

/**
 * One command on HAProxy's runtime API (the admin stats socket), in non-interactive mode:
 * HAProxy answers and closes. Several commands may be joined with ";" and run in order.
 * `address` is a unix socket path or TCP host:port (shared/domain/haproxy-attach.ts).
 */
export function runtimeCommand(address: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const target = parseRuntimeAddress(address);
    if (!target) {
      reject(new Error(`not a runtime API address: "${address}"`));
      return;
    }
    const socket = 'path' in target ? net.connect(target.path) : net.connect(target.port, target.host);
    let answer = '';
    const timer = setTimeout(() => socket.destroy(new Error(`HAProxy runtime API did not answer "${command}" within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${command}\n`));
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}

/**
 * What `set weight` and `set server state` answer on success: a blank line. No bytes at all
 * means the connection closed before HAProxy answered (a tunnel cut mid-command): not confirmed.
 */
export function checkRuntimeAnswer(command: string, answer: string): void {
  if (answer === '') throw new Error(`no answer from the HAProxy runtime API to "${command}" (the connection closed first)`);
  const text = answer.trim();
  if (text !== '') throw new Error(`HAProxy refused "${command}": ${text}`);
}

/** One server's row of `show stat` (CSV), the fields Turnout reads. */
export interface ServerStat {
  backend: string;
  server: string;
  /** "UP", "DOWN", "DRAIN", "MAINT", "no check", "UP 1/2"... */
  status: string;
  weight: number;
  current: number;
  total: number;
  responses: [number, number, number, number, number];
  errors: number;
  checkStatus: string;
  checkCode: number | null;
  checkDurationMs: number | null;
  lastChange: number;
}

/** Parses `show stat`: a "# pxname,svname,..." header line, then one CSV row per proxy and server. */
export function parseShowStat(text: string): ServerStat[] {
  const [head, ...rows] = text.split('\n').filter((line) => line.trim() !== '');
  if (!head?.startsWith('# ')) return [];
  const columns = head.slice(2).split(',');
  const at = (name: string): number => columns.indexOf(name);
  const num = (cells: string[], name: string): number => Number(cells[at(name)] || 0);
  return rows
    .map((row) => row.split(','))
    .filter((cells) => cells[1] !== 'FRONTEND' && cells[1] !== 'BACKEND')
    .map((cells) => ({
      backend: cells[0]!,
      server: cells[1]!,
      status: cells[at('status')] ?? '',
      weight: num(cells, 'weight'),
      current: num(cells, 'scur'),
      total: num(cells, 'stot'),
      responses: [num(cells, 'hrsp_1xx'), num(cells, 'hrsp_2xx'), num(cells, 'hrsp_3xx'), num(cells, 'hrsp_4xx'), num(cells, 'hrsp_5xx')],
      errors: num(cells, 'econ') + num(cells, 'eresp'),
      checkStatus: cells[at('check_status')] ?? '',
      checkCode: cells[at('check_code')] ? Number(cells[at('check_code')]) : null,
      checkDurationMs: cells[at('check_duration')] ? Number(cells[at('check_duration')]) : null,
      lastChange: num(cells, 'lastchg'),
    }));
}
