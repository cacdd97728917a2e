/**
 * checkpatch.pl's report, as text, into reports. Both dialects:
 *
 * - the kernel's (and its forks that kept `--show-types`):
 *
 *     WARNING:LONG_LINE: line length of 104 exceeds 100 columns
 *     #54: FILE: crypto/chacha_generic.c:47:
 *     +static int crypto_chacha12_setkey(struct crypto_skcipher *tfm, const u8 *key,
 *     +                                  unsigned int keysize)
 *          ^
 *
 * - QEMU's fork, which has no types (`ERROR: code indent should never use tabs`) and may spread
 *   a message over several lines (`WARNING: added, moved or deleted file(s):`, the files, then
 *   `Does MAINTAINERS need updating?`).
 *
 * A report runs from its `LEVEL:` line to the next one (or the `total:` line). Its location is the
 * first `#NN:` line (NN: the 1-based line of the input), followed by the lines checkpatch quotes
 * and, for some reports, a caret line (`^` under the offending column, counted in bytes of the
 * quoted line). Pure: text in, reports out; anything else in the output is ignored.
 */

export type CheckpatchLevel = 'ERROR' | 'WARNING' | 'CHECK';

export interface CheckpatchReport {
  level: CheckpatchLevel;
  /** The TYPE (`--show-types`); null for scripts that print none (QEMU's). */
  type: string | null;
  /** The message: the `LEVEL:` line's text, with its continuation lines (QEMU) joined by newlines. */
  message: string;
  /** 1-based line of the input the report names (`#NN:`), or null when it names none. */
  line: number | null;
  /** `FILE: path:NN:` of the location line, when given. */
  file: string | null;
  /** The lines checkpatch quoted after the location line (raw, `+` included). */
  quoted: string[];
  /** The caret line under the last quoted line: byte offset of the first `^` and how many. */
  caret: { offset: number; length: number } | null;
}

const HEADER = /^(ERROR|WARNING|CHECK):(?:([A-Z][A-Z0-9_]*):)?(?: (.*))?$/;
const LOCATION = /^#(\d+): ?(?:FILE: (.*?):(\d+):)?/;
const CARET = /^[ \t]*(\^+)[ \t]*$/;
const TOTAL = /^total: \d+ errors?, \d+ warnings?/;

export interface ParsedOutput {
  reports: CheckpatchReport[];
  /** Whether checkpatch's closing `total: N errors, M warnings...` line was seen. */
  sawTotal: boolean;
}

export function parseCheckpatchOutput(output: string): ParsedOutput {
  const lines = output.split(/\r?\n/);
  const reports: CheckpatchReport[] = [];
  let sawTotal = false;
  let i = 0;
  while (i < lines.length) {
    const text = lines[i]!;
    if (TOTAL.test(text)) {
      sawTotal = true;
      break;
    }
    const head = HEADER.exec(text);
    if (!head) {
      i++;
      continue;
    }
    // The block: up to the next report or the total line.
    let end = i + 1;
    while (end < lines.length && !HEADER.test(lines[end]!) && !TOTAL.test(lines[end]!)) end++;
    reports.push(readBlock(head, lines.slice(i + 1, end)));
    i = end;
  }
  return { reports, sawTotal };
}

function readBlock(head: RegExpExecArray, body: readonly string[]): CheckpatchReport {
  const message: string[] = [(head[3] ?? '').trimEnd()];
  let line: number | null = null;
  let file: string | null = null;
  const quoted: string[] = [];
  let caret: CheckpatchReport['caret'] = null;
  let k = 0;
  for (; k < body.length; k++) {
    const loc = LOCATION.exec(body[k]!);
    if (loc) {
      line = Number(loc[1]);
      file = loc[2] ?? null;
      k++;
      break;
    }
    message.push(body[k]!.trimEnd());
  }
  if (line !== null) {
    for (; k < body.length; k++) {
      const l = body[k]!;
      if (l === '') break;
      const c = CARET.exec(l);
      if (c && quoted.length > 0) {
        caret = { offset: l.indexOf('^'), length: c[1]!.length };
        break;
      }
      quoted.push(l);
    }
  }
  // Continuation lines (QEMU): trailing blank lines go, inner ones are kept as paragraph breaks.
  while (message.length > 1 && message[message.length - 1] === '') message.pop();
  return {
    level: head[1] as CheckpatchLevel,
    type: head[2] ?? null,
    message: message.join('\n').replace(/\n{3,}/g, '\n\n'),
    line,
    file,
    quoted,
    caret,
  };
}
