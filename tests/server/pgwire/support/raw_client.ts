/** A raw protocol client over a socket: pg-protocol's serializer out, its parser in. */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';

export interface BackendMsg {
  readonly name: string;
  readonly [k: string]: unknown;
}

export class RawClient {
  readonly messages: BackendMsg[] = [];
  closed = false;
  private waiters: (() => void)[] = [];
  private readonly parser = new Parser();

  private constructor(readonly socket: Socket) {
    socket.on('data', (b: Buffer) => {
      this.parser.parse(b, (m) => this.messages.push(m as unknown as BackendMsg));
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  static async connect(port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawClient(socket);
  }

  /** Connect and complete the startup (trust auth) up to ReadyForQuery. */
  static async startup(port: number, params: Record<string, string> = { user: 'pier', database: 'pier' }): Promise<RawClient> {
    const c = await RawClient.connect(port);
    c.send(serialize.startup(params));
    await c.until('readyForQuery');
    return c;
  }

  send(...bufs: Buffer[]): void {
    this.socket.write(Buffer.concat(bufs));
  }

  /** Wait until a message named `name` arrives; returns and removes all messages up to and including it. */
  async until(name: string, timeoutMs = 5000): Promise<BackendMsg[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.messages.findIndex((m) => m.name === name);
      if (i >= 0) return this.messages.splice(0, i + 1);
      if (this.closed) throw new Error(`connection closed while waiting for ${name}; got ${this.messages.map((m) => m.name).join(',')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout waiting for ${name}; got ${this.messages.map((m) => m.name).join(',')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async waitClosed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('connection not closed');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  end(): void {
    this.socket.destroy();
  }
}
