/**
 * WITH RECURSIVE: emits the anchor's rows, then runs the recursive term over the previous iteration's rows
 * (read by WorktableOperator) until an iteration yields no rows. UNION (distinct) drops rows already emitted,
 * NULLs comparing equal, as PostgreSQL does.
 */
import type { Batch, Schema } from '../../common/vector.js';
import { concatBatches, takeBatch } from '../../common/vector.js';
import type { ExecContext } from '../api.js';
import { keyFunction, type HashKey } from './hash_key.js';
import { checkAborted, type Operator } from './operator.js';

/** The current working table of each running recursive CTE, by id. */
const WORKTABLES = new Map<number, Batch[]>();

export class RecursiveCteOperator implements Operator {
  constructor(readonly schema: Schema, private readonly id: number, private readonly distinct: boolean, private readonly anchor: Operator, private readonly recursive: Operator) {}

  children(): readonly Operator[] {
    return [this.anchor, this.recursive];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const seen = new Set<HashKey>();
    const fresh = (b: Batch): Batch | null => {
      if (b.length === 0) return null;
      if (!this.distinct) return b;
      const key = keyFunction(b.columns);
      const keep: number[] = [];
      for (let i = 0; i < b.length; i++) {
        const k = key(i);
        if (!seen.has(k)) {
          seen.add(k);
          keep.push(i);
        }
      }
      if (keep.length === 0) return null;
      return keep.length === b.length ? b : takeBatch(b, keep);
    };
    const saved = WORKTABLES.get(this.id);
    try {
      let work: Batch[] = [];
      for await (const b of this.anchor.execute(ctx)) {
        checkAborted(ctx);
        const f = fresh(b);
        if (f) {
          work.push(f);
          yield f;
        }
      }
      while (work.length > 0) {
        WORKTABLES.set(this.id, [concatBatches(this.schema, work)]);
        const next: Batch[] = [];
        for await (const b of this.recursive.execute(ctx)) {
          checkAborted(ctx);
          const f = fresh({ length: b.length, columns: b.columns });
          if (f) {
            next.push(f);
            yield f;
          }
        }
        work = next;
      }
    } finally {
      if (saved === undefined) WORKTABLES.delete(this.id);
      else WORKTABLES.set(this.id, saved);
    }
  }
}

export class WorktableOperator implements Operator {
  constructor(readonly schema: Schema, private readonly id: number) {}

  children(): readonly Operator[] {
    return [];
  }

  async *execute(_ctx: ExecContext): AsyncIterable<Batch> {
    for (const b of WORKTABLES.get(this.id) ?? []) yield b;
  }
}
