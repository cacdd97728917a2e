/**
 * The reader of LSP messages from stdin (the base protocol: `Content-Length` headers, a UTF-8
 * JSON body), made for huge bodies: the didOpen of a 100 MB document.
 *
 * vscode-jsonrpc's reader keeps every 64 KB chunk of a body until the last one arrives, then
 * copies them into one buffer: with the decoded JSON and the parsed text, the server held ~4
 * copies of a huge document at once, 590 MB over its idle size within a second of a 100 MB
 * didOpen. Here a body is copied into a buffer of its announced length as it arrives (no chunk is
 * kept), and the buffer is let go once it is decoded, before the JSON is parsed.
 */
import type { Readable } from 'node:stream';
import { AbstractMessageReader, Disposable, type DataCallback, type Message, type MessageReader } from 'vscode-languageserver/node';

/** A header this long without its blank line is no LSP header: the bytes are dropped with an error. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** The largest body read (a bigger one is skipped with an error): about 1 GB. */
export const MAX_BODY_BYTES = 2 ** 30;

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

export class BodyMessageReader extends AbstractMessageReader implements MessageReader {
  /** Header bytes read before their blank line. */
  private head: Buffer = Buffer.alloc(0);
  /** The body being read, and how much of it arrived. */
  private body: Buffer | null = null;
  private filled = 0;
  /** Bytes of a body that is not read (too large, or its header was wrong). */
  private skip = 0;

  constructor(
    private readonly input: Readable,
    private readonly maxBody = MAX_BODY_BYTES,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string): void => this.take(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk, callback);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('close', onClose);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('close', onClose);
    });
  }

  private take(chunk: Buffer, callback: DataCallback): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        this.skip -= n;
        at += n;
      } else if (this.body) {
        const n = Math.min(this.body.length - this.filled, chunk.length - at);
        chunk.copy(this.body, this.filled, at, at + n);
        this.filled += n;
        at += n;
        if (this.filled === this.body.length) this.deliver(callback);
      } else at = this.readHeader(chunk, at, callback);
    }
  }

  /** Reads header bytes from `chunk` at `at`; returns where the body starts (or the chunk's end). */
  private readHeader(chunk: Buffer, at: number, callback: DataCallback): number {
    const rest = chunk.subarray(at);
    const joined = this.head.length > 0 ? Buffer.concat([this.head, rest]) : rest;
    const end = joined.indexOf(HEADER_END);
    if (end < 0) {
      if (joined.length > MAX_HEADER_BYTES) {
        this.head = Buffer.alloc(0);
        this.fireError(new Error(`LSP header of more than ${MAX_HEADER_BYTES} bytes without its end: dropped`));
      } else this.head = Buffer.from(joined);
      return chunk.length;
    }
    const next = at + end + HEADER_END.length - this.head.length;
    const header = joined.toString('ascii', 0, end);
    this.head = Buffer.alloc(0);
    const { length, problem } = parseHeader(header);
    if (problem !== null || length === null) {
      this.fireError(new Error(problem ?? 'LSP header without Content-Length'));
      // Its body, when its length is known, is not taken for the next header.
      this.skip = length ?? 0;
    } else if (length > this.maxBody) {
      this.fireError(new Error(`LSP message of ${length} bytes (more than ${this.maxBody}): skipped`));
      this.skip = length;
    } else {
      this.body = Buffer.allocUnsafe(length);
      this.filled = 0;
      if (length === 0) this.deliver(callback);
    }
    return next;
  }

  private deliver(callback: DataCallback): void {
    let message: Message;
    try {
      // The body buffer is let go by decodeBody, before the parse makes its own copy of the text.
      message = JSON.parse(this.decodeBody()) as Message;
    } catch (error) {
      this.fireError(new Error(`LSP message is not JSON: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    // A throw here would leave the stream's 'data' handler and stop the server: it is reported.
    try {
      callback(message);
    } catch (error) {
      this.fireError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private decodeBody(): string {
    const body = this.body ?? Buffer.alloc(0);
    this.body = null;
    this.filled = 0;
    return body.toString('utf8');
  }
}

/** The Content-Length of a header block, and what is wrong with it (null: nothing). */
export function parseHeader(header: string): { length: number | null; problem: string | null } {
  let length: number | null = null;
  let problem: string | null = null;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) {
      problem ??= `LSP header line without ':': ${JSON.stringify(line.slice(0, 80))}`;
      continue;
    }
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (/^\d{1,15}$/.test(value)) length = Number(value);
    else problem ??= `LSP Content-Length is not a number: ${JSON.stringify(value.slice(0, 80))}`;
  }
  return { length, problem };
}
