import { describe, expect, it } from 'vitest';
import type { RawRecord } from '../../../electron/core/inspect/raw-record';
import { RecordRing } from '../../../electron/core/inspect/record-ring';
import { flatten } from '../../../electron/core/inspect/record-of';

const record = (n: number): RawRecord => ({ id: `r${n}`, at: n, method: 'GET', url: `/${n}`, status: 200, environment: 'blue', reason: 'ratio', attempts: 1, upstreamUs: 1, totalUs: 2, bytesIn: 0, bytesOut: 1, requestHead: '', responseHead: '' });
const ids = (ring: RecordRing) => [...ring.newestFirst()].map(({ seq, raw }) => `${seq}:${raw.id}`);

describe('record ring (records kept bare, seq derived from the position)', () => {
  it('numbers records from 1 and, once full, drops the oldest while seqs keep counting', () => {
    const ring = new RecordRing(3);
    for (let n = 1; n <= 5; n++) ring.add(record(n));
    expect(ids(ring)).toEqual(['5:r5', '4:r4', '3:r3']);
    expect(ring.size).toBe(3);
    expect(ring.last).toBe(5);
    expect(ring.get(4)).toEqual({ seq: 4, raw: record(4) });
    expect(ring.get(2)).toBeUndefined();
    expect(ring.get(6)).toBeUndefined();
  });

  it('keeps the newest records and their seqs across a resize, smaller and larger', () => {
    const ring = new RecordRing(4);
    for (let n = 1; n <= 6; n++) ring.add(record(n));
    ring.resize(2);
    expect(ids(ring)).toEqual(['6:r6', '5:r5']);
    ring.resize(5);
    ring.add(record(7));
    expect(ids(ring)).toEqual(['7:r7', '6:r6', '5:r5']);
    expect(ring.get(5)?.raw.id).toBe('r5');
    ring.clear();
    expect(ids(ring)).toEqual([]);
    expect(ring.get(7)).toBeUndefined();
  });
});

describe('flatten', () => {
  it('returns the same text, also for a string built piece by piece and for an empty one', () => {
    let head = 'HTTP/1.1 200 OK\r\n';
    for (let i = 0; i < 20; i++) head += `x-h${i}: ${i}\r\n`;
    expect(flatten(head)).toBe(head);
    expect(flatten('')).toBe('');
  });
});
