/**
 * The file piscina loads in each worker thread: CommonJS on purpose. Piscina first tries `require(filename)`
 * and falls back to `import()`. On Node versions with require(esm), requiring the ES-module worker while another
 * task of the same thread is importing it fails with "Unexpected status of a module that is imported again
 * after being required" — a worker that dies at start, now and then. This entry is plain CommonJS, so the
 * require always succeeds, and it loads the real worker (`worker.js`) once, by dynamic import only.
 */
type Handler = (task: unknown) => unknown;
type WorkerModule = { readonly default: Handler } & Readonly<Record<string, Handler>>;

let loaded: Promise<WorkerModule> | undefined;
const load = (): Promise<WorkerModule> => (loaded ??= import('./worker.js') as unknown as Promise<WorkerModule>);

/** QueryErrors go back encoded (executor/worker_errors.ts): structured clone would drop their SQLSTATE */
const guarded = (name: string): Handler => async (task) => {
  const m = await load();
  try {
    return await m[name]!(task);
  } catch (e) {
    throw (m as unknown as { encodeWorkerError(e: unknown): unknown }).encodeWorkerError(e);
  }
};

const named = (name: string): Handler => guarded(name);

const entry = Object.assign(guarded('default'), {
  writeFiles: named('writeFiles'),
  ping: named('ping'),
  warmCache: named('warmCache'),
  scanWrite: named('scanWrite'),
});

export = entry;
