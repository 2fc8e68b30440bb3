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
    const shed = ring.get(1)?.raw;
    expect([shed?.id, shed?.requestBody, shed?.responseBody]).toEqual(['r1', undefined, undefined]);
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

describe('record ring storage (columns and a byte log outside the JS heap)', () => {
  /** A deterministic generator, so a failure names a case that replays. */
  const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

  it('gives back every field as it was added: UTF-8 and Latin-1 text, empty fields, errors and bodies', () => {
    const ring = new RecordRing(4);
    const full: RawRecord = {
      ...record(1),
      id: 'req-é-1',
      method: 'PROPFIND',
      url: '/caf%C3%A9?q=ü',
      status: 502,
      environment: 'grün',
      reason: 'failover',
      attempts: 3,
      upstreamUs: -1,
      totalUs: 123456789,
      bytesIn: -1,
      bytesOut: 2 ** 40,
      requestHead: 'Host\nexample.test\nX-Note\nnaïve 🚀',
      responseHead: '',
      error: 'upstream reset the connection ✗',
      requestBody: { encoding: 'base64', data: 'AAEC', size: 3, truncated: false },
      responseBody: { encoding: 'utf8', data: 'partial…', size: 99, truncated: true },
    };
    ring.add(full);
    ring.add({ ...record(2), requestHead: '', responseHead: 'HTTP/1.1 204 No Content\r\n\r\n' });
    expect(ring.get(1)?.raw).toEqual(full);
    expect(ring.get(2)?.raw).toEqual({ ...record(2), requestHead: '', responseHead: 'HTTP/1.1 204 No Content\r\n\r\n' });
    // A read is a copy: changing it leaves the ring's record as it was.
    ring.get(1)!.raw.url = '/changed';
    expect(ring.get(1)?.raw.url).toBe('/caf%C3%A9?q=ü');
  });

  it('matches a plain list of records through 20,000 adds of random sizes, resizes and clears', () => {
    const next = random(7);
    // A 512-byte log to start: records wrap it, land right behind the oldest and make it grow.
    let ring = new RecordRing(5, undefined, 512);
    let model: { seq: number; raw: RawRecord }[] = [];
    let capacity = 5;
    let seq = 0;
    for (let n = 1; n <= 20_000; n++) {
      const roll = next();
      if (roll < 0.002) {
        capacity = 1 + Math.floor(next() * 40);
        ring.resize(capacity);
        model = model.slice(-capacity);
      } else if (roll < 0.003) {
        ring.clear();
        model = [];
      } else {
        // Mostly small heads, some up to 6 KB: the log wraps, and now and then must grow.
        const size = next() < 0.05 ? Math.floor(next() * 6000) : Math.floor(next() * 300);
        const raw: RawRecord = { ...record(n), requestHead: 'h'.repeat(size), responseHead: next() < 0.5 ? '' : `HTTP/1.1 200 OK\r\nx: ${'é'.repeat(size % 50)}\r\n\r\n` };
        ring.add(raw);
        model.push({ seq: ++seq, raw });
        if (model.length > capacity) model.shift();
      }
      // The oldest record is the one a wrong free-space check would overwrite (and the next to go).
      if (model.length > 0) expect(ring.get(model[0]!.seq)).toEqual(model[0]);
      if (n % 97 === 0 || n > 19_900) expect([...ring.newestFirst()]).toEqual([...model].reverse());
      seq = ring.last;
    }
    expect(ring.size).toBe(model.length);
    ring = new RecordRing(1);
    ring.add(record(1));
    ring.add(record(2));
    expect(ids(ring)).toEqual(['2:r2']);
  });

  it('sizes its byte log to the records it holds and keeps that size once full', () => {
    const ring = new RecordRing(10_000);
    const typical = (n: number): RawRecord => ({ ...record(n), id: `01J${String(n).padStart(23, '0')}`, requestHead: 'Host\n127.0.0.1:8800\nUser-Agent\ncurl/8.5.0\nAccept\n*/*', responseHead: `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 17\r\nDate: Mon, 30 Nov 2026 05:00:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=75\r\n\r\n` });
    for (let n = 1; n <= 10_000; n++) ring.add(typical(n));
    const full = ring.textBytes;
    // ≈ 270 bytes of text per record: the log is at most twice what it holds.
    expect(full).toBeGreaterThanOrEqual(10_000 * 250);
    expect(full).toBeLessThanOrEqual(2 * 10_000 * 300);
    for (let n = 10_001; n <= 50_000; n++) ring.add(typical(n));
    expect(ring.textBytes).toBe(full);
    expect(ring.get(50_000)?.raw).toEqual(typical(50_000));
    expect(ring.get(40_001)?.raw).toEqual(typical(40_001));
  });

  it('gives back the memory of a burst of large records once smaller ones have replaced them', () => {
    const ring = new RecordRing(100, undefined, 4096);
    const sized = (n: number, bytes: number): RawRecord => ({ ...record(n), requestHead: 'x'.repeat(bytes) });
    for (let n = 1; n <= 100; n++) ring.add(sized(n, 16 * 1024));
    expect(ring.textBytes).toBeGreaterThanOrEqual(100 * 16 * 1024);
    // It shrinks when a lap of the log ends: after ≈ 1.8 MB of small records' text (20,000 here).
    for (let n = 101; n <= 20_100; n++) ring.add(sized(n, 100));
    // 100 records of ≈ 110 bytes: the log is back near twice that, not the 1.6 MB the burst needed.
    expect(ring.textBytes).toBeLessThanOrEqual(64 * 1024);
    expect([...ring.newestFirst()].map(({ raw }) => raw)).toEqual(Array.from({ length: 100 }, (_, i) => sized(20_100 - i, 100)));
  });
});
