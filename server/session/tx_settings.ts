/**
 * Settings inside a transaction block, as PostgreSQL handles them: `SET LOCAL` lasts until the block ends, a
 * plain `SET` is undone by ROLLBACK (kept by COMMIT). Outside a block `SET LOCAL` only warns (25P01).
 */
import type { Settings } from './settings.js';

export class TxSettings {
  /** canonical name → value before the block first changed it, and whether only SET LOCAL changed it */
  private readonly saved = new Map<string, { readonly value: string; local: boolean }>();

  /** Call before changing `name` inside a transaction block. */
  remember(settings: Settings, name: string, local: boolean): void {
    const key = settings.canonicalName(name);
    const prior = this.saved.get(key);
    if (prior === undefined) this.saved.set(key, { value: settings.get(key), local });
    else if (!local) prior.local = false;
  }

  /** End of the block: restore what must be restored; returns the changes to report (ParameterStatus). */
  end(settings: Settings, committed: boolean): [string, string][] {
    const reports: [string, string][] = [];
    for (const [name, s] of this.saved) {
      if (committed && !s.local) continue;
      const r = settings.set(name, s.value);
      if (r !== null) reports.push(r);
    }
    this.saved.clear();
    return reports;
  }
}
