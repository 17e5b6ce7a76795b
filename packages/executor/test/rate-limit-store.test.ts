import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/index.ts';

const rpm = { key: 't:rpm', capacity: 10, intervalMs: 60_000 };
const tpm = { key: 't:tpm', capacity: 1000, intervalMs: 60_000 };

describe('memory rate-limit store', () => {
  it('takes from every bucket or from none', () => {
    const store = createMemoryStore();
    expect(store.take([rpm, tpm], [1, 900], 0)).toEqual({ ok: true, waitMs: 0, paused: false });
    const refused = store.take([rpm, tpm], [1, 200], 0);
    expect(refused).toEqual({ ok: false, waitMs: 6000, paused: false });
    // The refused take left the request bucket untouched: 9 requests are still there.
    for (let i = 0; i < 9; i++) expect(store.take([rpm], [1], 0)).toMatchObject({ ok: true });
    expect(store.take([rpm], [1], 0)).toMatchObject({ ok: false, waitMs: 6000 });
  });

  it('refills linearly with time, up to capacity', () => {
    const store = createMemoryStore();
    expect(store.take([tpm], [1000], 0).ok).toBe(true);
    expect(store.take([tpm], [100], 3000)).toMatchObject({ ok: false, waitMs: 3000 });
    expect(store.take([tpm], [100], 6000).ok).toBe(true);
    expect(store.take([tpm], [1000], 10 * 60_000).ok).toBe(true);
    expect(store.take([tpm], [1], 10 * 60_000).ok).toBe(false);
  });

  it('refunds and charges; a charge can put a bucket into debt', () => {
    const store = createMemoryStore();
    store.take([tpm], [500], 0);
    store.refund([tpm], [-800], 0);
    expect(store.take([tpm], [1], 0)).toMatchObject({ ok: false, waitMs: 18_060 });
    store.refund([tpm], [10_000], 0);
    expect(store.take([tpm], [1000], 0).ok).toBe(true);
  });

  it('pauses every take until the deadline, and never shortens a pause', () => {
    const store = createMemoryStore();
    store.pause(5000);
    store.pause(1000);
    expect(store.take([rpm], [1], 2000)).toEqual({ ok: false, waitMs: 3000, paused: true });
    expect(store.take([rpm], [1], 5000).ok).toBe(true);
  });

  it('syncs down to what the server reports, and empties until reset at zero', () => {
    const store = createMemoryStore();
    store.sync(rpm, 3, undefined, 0);
    for (let i = 0; i < 3; i++) expect(store.take([rpm], [1], 0).ok).toBe(true);
    expect(store.take([rpm], [1], 0).ok).toBe(false);
    store.sync(tpm, 0, 30_000, 0);
    expect(store.take([tpm], [1], 0)).toMatchObject({ ok: false, waitMs: 30_000 });
  });
});
