/**
 * `patchsmith parse [--json] [--commit-message] FILE|-`: the parsed model, as JSON (one object
 * per message; an array when the file holds several) or as a short human summary.
 */
import { parsePatch } from '../parse/parsePatch';
import { parseFailures } from '../check/parseFindings';
import type { PatchMessage } from '../model/types';
import { flag, InputError, parseArgs, UsageError } from './args';
import { readInput } from './io';
import { documentToJson } from './modelJson';
import type { CliIo } from './io';

function summary(file: string, index: number, count: number, msg: PatchMessage): string {
  const out: string[] = [];
  const s = msg.subject;
  const where = count > 1 ? `${file} [message ${index + 1} of ${count}, line ${msg.startLine + 1}]` : file;
  out.push(`${where}: ${msg.kind}`);
  if (s) {
    out.push(`  subject:  ${s.summary}`);
    const tags = [
      s.version !== null ? `v${s.version}` : '',
      s.number !== null ? `${s.number}/${s.total ?? '?'}` : '',
      s.rfc ? 'RFC' : '',
      s.resend ? 'RESEND' : '',
      ...s.otherPrefixes,
    ].filter(Boolean);
    if (tags.length) out.push(`  prefixes: ${tags.join(' ')}`);
  } else if (msg.message.title) {
    out.push(`  title:    ${msg.message.title}`);
  }
  if (msg.author) out.push(`  author:   ${msg.author.name ? `${msg.author.name} <${msg.author.email}>` : msg.author.email}`);
  if (msg.date) out.push(`  date:     ${msg.date}`);
  const trailers = msg.message.trailerBlock?.trailers ?? [];
  if (trailers.length) {
    out.push(`  trailers: ${trailers.length}`);
    for (const t of trailers) out.push(`    ${t.key}: ${t.value}`);
  }
  if (msg.diff) {
    const added = msg.diff.files.reduce((n, f) => n + f.added, 0);
    const deleted = msg.diff.files.reduce((n, f) => n + f.deleted, 0);
    out.push(`  diff:     ${msg.diff.files.length} file${msg.diff.files.length === 1 ? '' : 's'}, +${added} -${deleted}`);
    for (const f of msg.diff.files) out.push(`    ${f.isNew ? f.to : f.isDeleted ? f.from : f.from === f.to ? f.to : `${f.from} => ${f.to}`}  +${f.added} -${f.deleted}`);
  }
  if (msg.cover) out.push(`  cover:    ${msg.cover.shortlog.reduce((n, g) => n + g.count, 0)} patches in the shortlog`);
  for (const p of msg.problems) out.push(`  problem:  line ${p.range.start.line + 1}: ${p.message} [${p.code}]`);
  return out.join('\n');
}

export function parseCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs('parse', argv, { json: {}, 'commit-message': {} });
  if (args.positionals.length !== 1) throw new UsageError(`'parse' takes one FILE (or - for standard input)`);
  const input = readInput(args.positionals[0]!);
  if (input.text.trim() === '') throw new InputError(`'${input.file === '-' ? 'standard input' : input.file}' is empty`);
  const doc = parsePatch(input.text, { commitMessage: flag(args, 'commit-message') });
  if (flag(args, 'json')) {
    io.stdout(`${JSON.stringify(documentToJson(doc), null, 2)}\n`);
  } else {
    const name = input.file === '-' ? '<stdin>' : input.file;
    const parts = doc.messages.map((m, i) => summary(name, i, doc.messages.length, m));
    for (const p of doc.problems) parts.push(`${name}:${p.range.start.line + 1}: ${p.message} [${p.code}]`);
    io.stdout(`${parts.join('\n\n')}\n`);
  }
  // A message the parser failed on is missing from the output: an internal error, never a pass.
  const failures = parseFailures(doc);
  const name = input.file === '-' ? '<stdin>' : input.file;
  for (const p of failures) io.stderr(`patchsmith: internal error: ${name}:${p.range.start.line + 1}: ${p.message}\n`);
  return failures.length ? 2 : 0;
}
