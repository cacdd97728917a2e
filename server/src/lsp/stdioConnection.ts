/**
 * The connection over stdin/stdout (`--stdio`: Neovim, Helix, the tests), read with
 * BodyMessageReader. What vscode-languageserver does for its own stdio connection is done here
 * too: console output goes to the client's log (stdout carries the protocol), and the server
 * exits when stdin ends (0 after a shutdown request, 1 otherwise). A frame that cannot be read
 * is said in the log too.
 */
import { inspect } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { BodyMessageReader } from './messageReader';

/** What console.log would print of its arguments. */
function text(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
}

export function stdioConnection(shutdownReceived: () => boolean): Connection {
  const reader = new BodyMessageReader(process.stdin);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  const log = connection.console;
  // A frame that cannot be read is dropped (the next one is read): said in the client's log.
  reader.onError((error) => log.error(`patchsmith: ${error.message}`));
  console.log = (...args: unknown[]): void => log.log(text(args));
  console.info = (...args: unknown[]): void => log.info(text(args));
  console.debug = (...args: unknown[]): void => log.log(text(args));
  console.warn = (...args: unknown[]): void => log.warn(text(args));
  console.error = (...args: unknown[]): void => log.error(text(args));
  const end = (): never => process.exit(shutdownReceived() ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  return connection;
}
