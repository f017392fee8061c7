import { describe, expect, it } from 'vitest';
import { isProtectedPath, parseIntervalMs, selectVacuumFiles, tableRetentionMs, type LogFileHistory } from '../../../storage/delta/operations/vacuum_plan.js';

const HOUR = 3_600_000;

function history(partial: Partial<LogFileHistory>): LogFileHistory {
  return { active: new Set(), removedAt: new Map(), referenced: new Set(), latestVersion: 3, configuration: {}, ...partial };
}

describe('VACUUM file selection', () => {
  const now = 1_000 * HOUR;
  const obj = (path: string, ageHours: number, size = 10) => ({ path, size, lastModified: now - ageHours * HOUR });

  it('keeps current files, deletes files removed before the cutoff and old untracked files', () => {
    const h = history({
      active: new Set(['t/a.parquet', 't/d=1/b.parquet']),
      referenced: new Set(['t/a.parquet', 't/d=1/b.parquet', 't/old.parquet', 't/recent.parquet']),
      removedAt: new Map([['t/old.parquet', now - 200 * HOUR], ['t/recent.parquet', now - 10 * HOUR]]),
    });
    const objects = [
      obj('t/a.parquet', 500), obj('t/d=1/b.parquet', 500),
      obj('t/old.parquet', 500), obj('t/recent.parquet', 500),
      obj('t/d=1/leftover.parquet', 300), obj('t/fresh-leftover.parquet', 1),
      obj('t/_delta_log/00000000000000000000.json', 900), obj('t/_delta_log/_tmp', 900),
      obj('t/.hidden.crc', 900), obj('t/_SUCCESS', 900), obj('t/deletion_vector_1.bin', 900),
      obj('t2/other.parquet', 900),
    ];
    const plan = selectVacuumFiles('t', h, objects, now - 168 * HOUR);
    expect(plan.files.map((f) => [f.path, f.reason]).sort()).toEqual([
      ['t/d=1/leftover.parquet', 'untracked'],
      ['t/old.parquet', 'removed'],
    ]);
    expect(plan.directories).toBe(2);
  });

  it('a shorter retention reaches more recently removed files, never current ones', () => {
    const h = history({
      active: new Set(['t/a.parquet']),
      referenced: new Set(['t/a.parquet', 't/recent.parquet']),
      removedAt: new Map([['t/recent.parquet', now - 10 * HOUR]]),
    });
    const objects = [obj('t/a.parquet', 500), obj('t/recent.parquet', 500)];
    expect(selectVacuumFiles('t', h, objects, now - 11 * HOUR).files).toEqual([]);
    expect(selectVacuumFiles('t', h, objects, now).files.map((f) => f.path)).toEqual(['t/recent.parquet']);
  });

  it('protects the log and hidden paths but not partition folders that start with _', () => {
    expect(isProtectedPath('_delta_log/0.json')).toBe(true);
    expect(isProtectedPath('_change_data/x.parquet')).toBe(true);
    expect(isProtectedPath('.tmp/x.parquet')).toBe(true);
    expect(isProtectedPath('d=1/_x.parquet')).toBe(true);
    expect(isProtectedPath('_col=1/x.parquet')).toBe(false);
    expect(isProtectedPath('d=1/part-0.parquet')).toBe(false);
  });

  it('reads delta.deletedFileRetentionDuration', () => {
    expect(parseIntervalMs('interval 7 days')).toBe(168 * HOUR);
    expect(parseIntervalMs('interval 1 day 2 hours')).toBe(26 * HOUR);
    expect(parseIntervalMs('30 minutes')).toBe(HOUR / 2);
    expect(parseIntervalMs('soon')).toBeNull();
    expect(tableRetentionMs({})).toBe(168 * HOUR);
    expect(tableRetentionMs({ 'delta.deletedFileRetentionDuration': 'interval 2 hours' })).toBe(2 * HOUR);
  });
});
