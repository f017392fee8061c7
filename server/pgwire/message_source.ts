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

  private readonly onData = (chunk: Buffer): void => {
    this.reader.push(chunk);
    if (this.reader.buffered > HIGH_WATER && this.waiter === null) this.socket.pause();
    this.wake();
  };
  private readonly onEnd = (): void => {
    this.closed = true;
    this.wake();
  };
  private readonly onError = (err: Error): void => {
    this.failure ??= err;
    this.onEnd();
  };

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** Stop reading this socket (it is being wrapped by TLS; a new source reads the TLS socket). */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
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
