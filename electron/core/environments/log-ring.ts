import type { LogLine } from '../../../shared/contract/managed';

export type { LogLine };

/** Very long lines (a minified bundle printed by mistake) are cut, so the ring's bound holds. */
const MAX_LINE = 4000;

/**
 * The last `capacity` lines of one environment's output: bounded, so a chatty app cannot
 * grow Turnout's memory. Listeners hear each line as it is added (the live log view).
 */
export class LogRing {
  private readonly lines: LogLine[] = [];
  private seq = 0;
  private readonly listeners = new Set<(line: LogLine) => void>();

  constructor(private readonly capacity = 1000) {}

  add(stream: LogLine['stream'], text: string, at = Date.now()): LogLine {
    const line: LogLine = { seq: ++this.seq, at, stream, text: text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text };
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
    for (const listener of this.listeners) listener(line);
    return line;
  }

  /** The last `limit` lines, only those after `afterSeq` if given; oldest first. */
  tail(limit: number, afterSeq = 0): LogLine[] {
    const newer = afterSeq > 0 ? this.lines.filter((line) => line.seq > afterSeq) : this.lines;
    return newer.slice(-limit);
  }

  get lastSeq(): number {
    return this.seq;
  }

  onLine(listener: (line: LogLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Splits a stream's chunks into lines; the last, unfinished one waits for the next chunk or the end. */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; end(): void } {
  let partial = '';
  return {
    push(chunk) {
      const lines = (partial + chunk).split(/\r?\n/);
      partial = lines.pop()!;
      lines.forEach(onLine);
    },
    end() {
      if (partial) onLine(partial);
      partial = '';
    },
  };
}
