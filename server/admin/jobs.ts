/**
 * Background jobs of the admin API (OPTIMIZE, VACUUM): each runs once, reports progress (files done / total),
 * ends `succeeded` with a result or `failed` with an error message, and can be canceled (its AbortSignal
 * fires; the operation stops at its next step and removes what it wrote). Finished jobs are kept (the last
 * MAX_FINISHED) so clients can read the result.
 */
import { randomUUID } from 'node:crypto';

export type JobStatus = 'running' | 'succeeded' | 'failed' | 'canceled';

export interface JobView {
  readonly id: string;
  readonly kind: string;
  readonly table: string;
  readonly status: JobStatus;
  readonly progress: { readonly done: number; readonly total: number };
  readonly result: unknown;
  readonly error: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export interface JobContext {
  readonly signal: AbortSignal;
  progress(done: number, total: number): void;
}

interface Job {
  view: JobView;
  readonly controller: AbortController;
  readonly finished: Promise<void>;
}

const MAX_FINISHED = 200;

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  start(kind: string, table: string, run: (ctx: JobContext) => Promise<unknown>, onEnd?: (status: JobStatus) => void): JobView {
    const id = randomUUID();
    const controller = new AbortController();
    let view: JobView = {
      id, kind, table, status: 'running', progress: { done: 0, total: 0 }, result: null, error: null,
      createdAt: new Date().toISOString(), finishedAt: null,
    };
    const update = (patch: Partial<JobView>): void => {
      view = { ...view, ...patch };
      const j = this.jobs.get(id);
      if (j !== undefined) j.view = view;
    };
    const finished = (async () => {
      await Promise.resolve();
      try {
        const result = await run({ signal: controller.signal, progress: (done, total) => update({ progress: { done, total } }) });
        update(controller.signal.aborted ? { status: 'canceled', finishedAt: new Date().toISOString() } : { status: 'succeeded', result, finishedAt: new Date().toISOString() });
      } catch (e) {
        update(controller.signal.aborted
          ? { status: 'canceled', finishedAt: new Date().toISOString() }
          : { status: 'failed', error: (e as Error).message ?? String(e), finishedAt: new Date().toISOString() });
      }
      onEnd?.(view.status);
      this.prune();
    })();
    this.jobs.set(id, { view, controller, finished });
    return view;
  }

  get(id: string): JobView | null {
    return this.jobs.get(id)?.view ?? null;
  }

  list(): JobView[] {
    return [...this.jobs.values()].map((j) => j.view);
  }

  /** Ask a running job to stop; null when there is no such job. */
  cancel(id: string): JobView | null {
    const j = this.jobs.get(id);
    if (j === undefined) return null;
    if (j.view.status === 'running') j.controller.abort(new Error('canceled'));
    return j.view;
  }

  /** Resolves when the job has ended (tests, shutdown). */
  async wait(id: string): Promise<JobView | null> {
    const j = this.jobs.get(id);
    if (j === undefined) return null;
    await j.finished;
    return this.get(id);
  }

  /** Cancel everything still running and wait for it to stop. */
  async close(): Promise<void> {
    for (const j of this.jobs.values()) if (j.view.status === 'running') j.controller.abort(new Error('server shutting down'));
    await Promise.allSettled([...this.jobs.values()].map((j) => j.finished));
  }

  private prune(): void {
    const done = [...this.jobs.values()].filter((j) => j.view.status !== 'running');
    for (const j of done.slice(0, Math.max(0, done.length - MAX_FINISHED))) this.jobs.delete(j.view.id);
  }
}
