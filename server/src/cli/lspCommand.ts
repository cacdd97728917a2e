/**
 * `patchsmith lsp --stdio`: the language server on standard input/output. The server module is
 * loaded only here, so the other commands start fast.
 */
import { parseArgs, UsageError } from './args';

interface ServerModule {
  startServer(): void;
}

export function lspCommand(argv: readonly string[]): void {
  // --stdio is what editors pass; it is also the only transport, so it may be left out.
  const args = parseArgs('lsp', argv, { stdio: {}, 'clientProcessId': { value: true } });
  if (args.positionals.length) throw new UsageError(`'lsp' takes no arguments (got '${args.positionals[0]}')`);
  // startServer picks the transport from process.argv (lsp/server.ts).
  if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
  let mod: ServerModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('../lsp/server') as ServerModule;
  } catch (e) {
    if ((e as NodeJS.ErrnoException | null)?.code === 'MODULE_NOT_FOUND') {
      throw new UsageError('the language server is not available in this build');
    }
    throw e;
  }
  mod.startServer();
}
