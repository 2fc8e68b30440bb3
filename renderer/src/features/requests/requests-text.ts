export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 } as Intl.DateTimeFormatOptions);
}

/** The status as shown, and its class for colour: a 0 is a client that left before an answer. */
export function statusText(status: number): { text: string; kind: 'ok' | 'redirect' | 'client' | 'server' | 'none' } {
  if (status === 0) return { text: '—', kind: 'none' };
  const kind = status >= 500 ? 'server' : status >= 400 ? 'client' : status >= 300 ? 'redirect' : 'ok';
  return { text: String(status), kind };
}

export function bytes(value: number | null): string {
  if (value === null) return 'unknown';
  return value < 1024 ? `${value} B` : `${(value / 1024).toFixed(1)} KiB`;
}
