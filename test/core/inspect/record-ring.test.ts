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

  it('keeps kept bodies within its budget: the oldest records lose theirs first, the records stay', () => {
    const body = (text: string) => ({ encoding: 'utf8' as const, data: text, size: text.length, truncated: false });
    const withBodies = (n: number): RawRecord => ({ ...record(n), requestBody: body('q'.repeat(10)), responseBody: body('a'.repeat(20)) });
    const ring = new RecordRing(10, 100);
    for (let n = 1; n <= 3; n++) ring.add(withBodies(n));
    expect(ring.bodyText).toBe(90);
    ring.add(withBodies(4));
    expect(ring.bodyText).toBe(90);
    expect(ring.get(1)?.raw).toMatchObject({ id: 'r1', requestBody: undefined, responseBody: undefined });
    expect([2, 3, 4].map((seq) => ring.get(seq)?.raw.responseBody?.data.length)).toEqual([20, 20, 20]);
    expect(ids(ring)).toEqual(['4:r4', '3:r3', '2:r2', '1:r1']);
    // A record without bodies costs nothing; one that leaves the ring takes its bodies' count with it.
    for (let n = 5; n <= 14; n++) ring.add(record(n));
    expect(ring.bodyText).toBe(0);
    ring.add(withBodies(15));
    expect(ring.bodyText).toBe(30);
    ring.resize(1);
    expect(ring.bodyText).toBe(30);
    ring.clear();
    expect(ring.bodyText).toBe(0);
  });
});
