/**
 * Who wants to hear about finished scans (server/metrics.ts counts rows, bytes and files read and skipped).
 * One observer at most; the scan operator only calls `notifyScan`.
 */
export interface ScanReport {
  readonly table: string;
  readonly rows: number;
  readonly bytes: number;
  readonly filesRead: number;
  readonly filesSkipped: number;
}

let observer: ((r: ScanReport) => void) | null = null;

export function setScanObserver(o: ((r: ScanReport) => void) | null): void {
  observer = o;
}

export function notifyScan(r: ScanReport): void {
  try { observer?.(r); } catch { /* metrics never fail a query */ }
}
