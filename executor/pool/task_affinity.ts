/**
 * Column-cache affinity: which worker thread (lane) owns the decoded chunks a scan task reads, so the same
 * (file, row-group range) always runs on the same thread and each chunk is cached once.
 *
 * - A split task (part `index` of `count` of a file's row groups) belongs to the lane of the part of the file
 *   its middle falls in: the file is cut into `lanes` equal fractions, lane k owns fraction k. Scans split a
 *   big file into 1..4×threads parts (partial aggregates: exactly `threads`), and part boundaries of any count
 *   that is a multiple of `lanes` fall on the fraction boundaries, so every query shape sends a row group to
 *   the same lane (a part straddling a boundary, e.g. the middle one of 3, has its row groups cached by the lane
 *   it goes to: those few may be cached twice).
 * - A whole-file task (small files, LIMIT scans) gets a lane the first time its file is seen, round robin (so
 *   a table of many small files is spread evenly), and keeps it.
 * - A task another lane took over before its owner ever ran it (a cold steal) moves to that lane for good.
 * Keys are remembered up to `maxKeys`; past that the memory starts over (a few chunks may then be cached twice).
 */

/** The fields of a scan (or CACHE TABLE) task the affinity looks at. */
export interface AffinityTask {
  readonly store?: unknown;
  readonly path?: string;
  readonly split?: { readonly index: number; readonly count: number };
}

const DEFAULT_MAX_KEYS = 1 << 16;

export class TaskAffinity {
  /** lanes of whole-file keys and of keys moved by a cold steal */
  private readonly assigned = new Map<string, number>();
  /** keys whose owner has run them (their chunks are in the owner's cache) */
  private readonly ran = new Set<string>();
  private nextLane = 0;

  constructor(readonly lanes: number, private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  /** The task's affinity key (null: the task names no file, any lane will do). */
  key(task: AffinityTask): string | null {
    if (typeof task.path !== 'string') return null;
    const base = `${JSON.stringify(task.store ?? null)}|${task.path}`;
    const s = task.split;
    return s === undefined || s.count <= 1 ? base : `${base}#${s.index}/${s.count}`;
  }

  /** The lane that owns the task's chunks (assigning a whole-file task its lane the first time). */
  owner(task: AffinityTask, key: string): number {
    const known = this.assigned.get(key);
    if (known !== undefined) return known;
    const s = task.split;
    if (s !== undefined && s.count > 1) return fractionLane(s.index, s.count, this.lanes, stringHash(task.path ?? ''));
    const lane = this.nextLane;
    this.nextLane = (this.nextLane + 1) % this.lanes;
    this.remember(key, lane);
    return lane;
  }

  /** Whether the owner already ran the key's task (a steal then reads through instead of moving it). */
  hasRun(key: string): boolean {
    return this.ran.has(key);
  }

  /** The owner finished the key's task: its chunks are cached there. */
  markRun(key: string): void {
    if (this.ran.size >= this.maxKeys) this.ran.clear();
    this.ran.add(key);
  }

  /** A lane took over a task its owner never ran: that lane owns it from now on. */
  moveTo(key: string, lane: number): void {
    this.remember(key, lane);
  }

  /** The caches were emptied: no task's chunks are cached any more. */
  forgetRuns(): void {
    this.ran.clear();
  }

  private remember(key: string, lane: number): void {
    if (this.assigned.size >= this.maxKeys && !this.assigned.has(key)) this.assigned.clear();
    this.assigned.set(key, lane);
  }
}

/**
 * The lane owning part `index` of `count` of a file: the lane whose equal fraction holds the part's middle. A
 * middle right on a boundary (the middle part of an odd count over 2 lanes) goes to the lane before it when
 * `tieBreak` (a stable hash of the file) is odd, so such parts are spread over the lanes file by file.
 */
export function fractionLane(index: number, count: number, lanes: number, tieBreak = 0): number {
  const scaled = (2 * index + 1) * lanes;
  const lane = Math.min(lanes - 1, Math.floor(scaled / (2 * count)));
  return scaled % (2 * count) === 0 && lane > 0 && (tieBreak & 1) === 1 ? lane - 1 : lane;
}

/** FNV-1a of a string (stable across runs and threads). */
export function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
