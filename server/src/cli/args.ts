/**
 * Command-line option parsing for the CLI: `--name value`, `--name=value`, flags, `-` as a
 * positional (standard input) and `--` ending the options. Mistakes are UsageErrors: one line on
 * stderr and exit status 2.
 */
import { pushAll } from '../model/array';

/** Bad usage: printed as `patchsmith: <message>`, exit 2. */
export class UsageError extends Error {}

/** Unreadable input (missing file, directory, binary): printed the same way, exit 2. */
export class InputError extends Error {}

/** patchsmith failed on a file (`<file>: <what>`): `patchsmith: internal error: ...`, exit 2, never a pass. */
export class InternalError extends Error {}

export interface OptionSpec {
  /** Takes a value (`--format json`). */
  value?: boolean;
  /** May be given several times (values collected). */
  multiple?: boolean;
  /** One-letter alias (`o` for `-o`). */
  short?: string;
}

export interface ParsedArgs {
  options: Map<string, string[]>;
  positionals: string[];
}

export function parseArgs(command: string, argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const options = new Map<string, string[]>();
  const positionals: string[] = [];
  const byShort = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) if (s.short) byShort.set(s.short, name);

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      pushAll(positionals, argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let value: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      value = eq < 0 ? undefined : arg.slice(eq + 1);
    } else {
      const long = byShort.get(arg.slice(1, 2));
      if (!long) throw new UsageError(`unknown option '${arg}' for '${command}' (see 'patchsmith --help')`);
      name = long;
      value = arg.length > 2 ? arg.slice(2) : undefined;
    }
    const s = spec[name];
    if (!s || !Object.prototype.hasOwnProperty.call(spec, name)) {
      throw new UsageError(`unknown option '--${name}' for '${command}' (see 'patchsmith --help')`);
    }
    if (s.value) {
      if (value === undefined) {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(`option '--${name}' needs a value`);
        value = next;
        i++;
      }
    } else if (value !== undefined) {
      throw new UsageError(`option '--${name}' takes no value`);
    }
    const list = options.get(name);
    if (list && !s.multiple) throw new UsageError(`option '--${name}' given twice`);
    if (list) list.push(value ?? '');
    else options.set(name, [value ?? '']);
  }
  return { options, positionals };
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options.has(name);
}

export function single(args: ParsedArgs, name: string): string | undefined {
  return args.options.get(name)?.[0];
}
