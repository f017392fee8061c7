/**
 * The COPY sub-protocol on the wire: CopyInResponse then the client's CopyData … CopyDone (or CopyFail), or
 * CopyOutResponse, CopyData per row, CopyDone. The session's CopyTransfer parses/formats the data.
 */
import type { CopyTransfer } from '../session/api.js';
import { FLUSH_THRESHOLD, type PortalIo } from './portal.js';

/** Run one COPY; returns its command tag (`COPY n`). */
export async function runCopyTransfer(copy: CopyTransfer, io: PortalIo, signal: AbortSignal): Promise<string> {
  if (copy.direction === 'in') {
    io.out.copyResponse('in', copy.binary, copy.columns);
    await io.flush();
    return copy.run(io.copyIn());
  }
  io.out.copyResponse('out', copy.binary, copy.columns);
  for await (const chunk of copy.data()) {
    if (signal.aborted) throw signal.reason;
    io.out.copyData(chunk);
    if (io.out.length >= FLUSH_THRESHOLD) await io.flush();
  }
  io.out.copyDone();
  return copy.tag();
}
