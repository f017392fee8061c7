/**
 * Turns a socket's bytes into frontend messages, one `next()` at a time. Reading pauses the socket
 * when unread bytes pile up while the connection is busy (input backpressure).
 */
import type { Socket } from 'node:net';
import type { FrontendMessage } from './codec/frontend_messages.js';
import { FrontendReader } from './codec/frontend_reader.js';

/** Pause the socket when this many bytes wait unread and nobody is asking for a message. */
const HIGH_WATER = 1 << 20;

export class MessageSource {
  readonly reader = new FrontendReader();
  private closed = false;
  private failure: unknown = null;
  private waiter: (() => void) | null = null;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.reader.push(chunk);
      if (this.reader.buffered > HIGH_WATER && this.waiter === null) socket.pause();
      this.wake();
    });
    const end = (): void => {
      this.closed = true;
      this.wake();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', (err) => {
      this.failure ??= err;
      end();
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** The next message; null once the client has closed the connection. Throws on malformed input. */
  async next(): Promise<FrontendMessage | null> {
    for (;;) {
      const m = this.reader.next();
      if (m !== null) return m;
      if (this.closed) return null;
      if (this.socket.isPaused()) this.socket.resume();
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  /** Messages already received in full are available without waiting (used to coalesce output). */
  hasBufferedMessage(): boolean {
    return this.reader.buffered >= 5;
  }
}
