/** Per-table file counts for /metrics, read from the catalog on scrape (server/metrics.ts TableStatsSource). */
import type { Catalog } from '../catalog/catalog.js';
import { loadSnapshot } from '../storage/delta/snapshot.js';
import { smallFileCount } from '../storage/delta/operations/small_files.js';
import type { TableStatsSource } from './metrics.js';

export function catalogTableStats(catalog: Catalog, defaultTargetFileSize?: number): TableStatsSource {
  return {
    async tableFileCounts() {
      const out: { schema: string; table: string; files: number; bytes: number; smallFiles: number }[] = [];
      for (const schema of await catalog.listSchemas()) {
        for (const table of await catalog.listTables(schema)) {
          const t = await catalog.getTable({ schema, name: table }).catch(() => null);
          const loc = t?.deltaLocation?.();
          if (loc === undefined) continue;
          const snap = await loadSnapshot(loc.store, loc.path).catch(() => null);
          if (snap === null) continue;
          const files = snap.files;
          out.push({ schema, table, files: files.length, bytes: files.reduce((s, f) => s + f.size, 0), smallFiles: smallFileCount(snap, defaultTargetFileSize) });
        }
      }
      return out;
    },
  };
}
