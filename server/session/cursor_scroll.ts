/**
 * Cursor movement as PostgreSQL defines it. Positions are 1-based: 0 is before the first row, N+1 after the last.
 * FETCH FORWARD/BACKWARD n returns the rows passed over (BACKWARD in reverse order) and stays on the last one;
 * ABSOLUTE / RELATIVE n go to one row and return it (or nothing, off either end); a count of 0 re-fetches the
 * current row. SCROLL cursors keep the rows read so far (ScrollRows); others only move forward.
 */
import { QueryError } from '../../common/errors.js';
import type { Field } from '../../common/types.js';
import { concatBatches, takeBatch, type Batch } from '../../common/vector.js';

/** FETCH ALL (libpg-query reports FETCH_ALL as this) */
export const FETCH_ALL_MIN = 2147483647;

export type Direction = 'FETCH_FORWARD' | 'FETCH_BACKWARD' | 'FETCH_ABSOLUTE' | 'FETCH_RELATIVE';

export const scanForwardOnly = (): QueryError =>
  new QueryError('55000', 'cursor can only scan forward', { hint: 'Declare it with SCROLL option to enable backward scan.' });

/** The rows of a SCROLL cursor's query, read on demand and kept. */
export class ScrollRows {
  private parts: Batch[] = [];
  private all: Batch | null = null;
  private total = 0;
  private done = false;

  constructor(private readonly fields: readonly Field[], private readonly next: () => Promise<Batch | null>) {}

  /** Read until at least `n` rows are known (or the query ends); the number known. */
  async ensure(n: number): Promise<number> {
    while (!this.done && this.total < n) {
      const b = await this.next();
      if (b === null) {
        this.done = true;
        break;
      }
      if (b.length === 0) continue;
      this.parts.push(b);
      this.total += b.length;
      this.all = null;
    }
    return this.total;
  }

  /** rows at these 1-based positions (all known), in this order */
  rows(positions: readonly number[]): Batch {
    if (this.all === null) this.all = concatBatches(this.fields, this.parts);
    if (this.parts.length !== 1) this.parts = [this.all];
    return takeBatch(this.all, positions.map((p) => p - 1));
  }
}

export interface Move {
  readonly direction: Direction;
  /** FORWARD/BACKWARD: count (FETCH_ALL_MIN and above = ALL); ABSOLUTE/RELATIVE: signed row offset */
  readonly count: number;
}

/** Where a SCROLL cursor goes: the positions returned (in order) and the new position. */
export async function scrollMove(rows: ScrollRows, pos: number, move: Move): Promise<{ readonly positions: number[]; readonly pos: number }> {
  const all = move.count >= FETCH_ALL_MIN;
  const current = async (): Promise<number[]> => (pos >= 1 && (await rows.ensure(pos)) >= pos ? [pos] : []);
  const goTo = async (target: number): Promise<{ positions: number[]; pos: number }> => {
    if (target < 1) return { positions: [], pos: 0 };
    const n = await rows.ensure(target);
    return target <= n ? { positions: [target], pos: target } : { positions: [], pos: n + 1 };
  };
  switch (move.direction) {
    case 'FETCH_FORWARD': {
      if (move.count === 0) return { positions: await current(), pos };
      const want = all ? Infinity : pos + move.count;
      const n = await rows.ensure(want);
      const last = Math.min(want, n);
      const positions: number[] = [];
      for (let p = Math.max(pos, 0) + 1; p <= last; p++) positions.push(p);
      return { positions, pos: want > n ? n + 1 : last };
    }
    case 'FETCH_BACKWARD': {
      if (move.count === 0) return { positions: await current(), pos };
      const from = Math.min(pos, (await rows.ensure(pos)) + 1);
      const stop = all ? 0 : from - move.count;
      const positions: number[] = [];
      for (let p = from - 1; p >= Math.max(stop, 1); p--) positions.push(p);
      return { positions, pos: Math.max(stop, 0) };
    }
    case 'FETCH_ABSOLUTE': {
      if (move.count >= 0) return move.count === 0 ? { positions: [], pos: 0 } : goTo(move.count);
      const n = await rows.ensure(Infinity);
      return goTo(n + 1 + move.count);
    }
    case 'FETCH_RELATIVE': {
      if (move.count === 0) return { positions: await current(), pos };
      return goTo(pos + move.count);
    }
  }
}
