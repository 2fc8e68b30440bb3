/**
 * What the app asked of the stand-in, in order: the test reads it over the control channel
 * (control.ts). Details are plain data, so they cross the process boundary as JSON.
 */
export interface StandinRecord {
  seq: number;
  /** Milliseconds since the process started. */
  at: number;
  kind: string;
  detail?: unknown;
}

const records: StandinRecord[] = [];

export function record(kind: string, detail?: unknown): void {
  records.push({ seq: records.length, at: Math.round(performance.now()), kind, ...(detail === undefined ? {} : { detail }) });
}

export function allRecords(): readonly StandinRecord[] {
  return records;
}

/** Electron's preventable events (before-quit, will-quit, close, will-navigate...). */
export class StandinEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}
