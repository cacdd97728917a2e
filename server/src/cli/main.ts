/**
 * The `patchsmith` command line. Every failure is one line on stderr: bad usage and unreadable
 * input exit 2; anything unexpected prints `patchsmith: internal error: <message>` and exits 2
 * (with the stack only when PATCHSMITH_DEBUG=1). Never a bare stack trace.
 */
import { leanHeap } from '../io/leanHeap';
import { InputError, UsageError } from './args';
import type { CliIo } from './io';
import { HELP } from './help';
import { readVersion } from './version';
import { parseCommand } from './parseCommand';
import { checkCommand } from './checkCommand';
import { previewCommand } from './previewCommand';
import { lspCommand } from './lspCommand';
import { seriesCommand } from './seriesCommand';

const COMMANDS = ['check', 'parse', 'preview', 'series', 'lsp'];

function debug(): boolean {
  return process.env['PATCHSMITH_DEBUG'] === '1';
}

/** One line describing an unexpected error (plus its stack with PATCHSMITH_DEBUG=1). */
export function internalError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split('\n')[0] ?? '';
  const stack = debug() && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return `patchsmith: internal error: ${first}${stack}\n`;
}

/**
 * Run the CLI. Resolves to the exit status, or null when the process must keep running (the
 * language server).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number | null> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      if (command === undefined) {
        io.stderr(HELP);
        return 2;
      }
      io.stdout(HELP);
      return 0;
    }
    if (command === '--version' || command === '-V' || command === '-v') {
      io.stdout(`patchsmith ${readVersion()}\n`);
      return 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(HELP);
      return 0;
    }
    switch (command) {
      case 'parse':
        return parseCommand(rest, io);
      case 'check':
        return await checkCommand(rest, io);
      case 'preview':
        return await previewCommand(rest, io);
      case 'series':
        return await seriesCommand(rest, io);
      case 'lsp':
        lspCommand(rest);
        return null;
      default:
        throw new UsageError(
          command.startsWith('-')
            ? `unknown option '${command}' (see 'patchsmith --help')`
            : `unknown command '${command}' (commands: ${COMMANDS.join(', ')}; see 'patchsmith --help')`,
        );
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.stderr(`patchsmith: ${e.message}\n`);
      return 2;
    }
    io.stderr(internalError(e));
    return 2;
  }
}

function run(): void {
  // Before anything is parsed; `lsp` runs the language server in this same process.
  leanHeap();
  const io: CliIo = {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
  };
  // `patchsmith check ... | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const fail = (e: unknown): void => {
    process.stderr.write(internalError(e));
    process.exit(2);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  main(process.argv.slice(2), io).then((code) => {
    if (code !== null) process.exitCode = code;
  }, fail);
}

if (require.main === module) run();
