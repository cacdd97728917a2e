/**
 * Log lines that quote data rather than prose: a diff quoted in the log (from an `@@ -a,b +c,d @@`
 * line to the next empty line, as QEMU's bios-tables-test process asks for the ASL diff of
 * updated ACPI tables), a disassembled ACPI data table (`[004h 0004   4]   Table Length : 000000B8`,
 * iasl's layout) and a hex dump (`0010: 53 52 41 54 ...`). Hex in them is data - an address, a
 * table value - and never a commit id.
 */
import type { PatchDocument } from '../../model/types';
import { lineText } from './commitLog';

const HUNK = /^\s*@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/;
const ACPI_TABLE_ROW = /^\s*[-+]?\s*\[[0-9A-Fa-f]{3,}h [0-9]{4,}\s+\d+\]/;
const HEX_DUMP_ROW = /^\s*[-+]?\s*[0-9A-Fa-f]{4,8}:(?:\s+[0-9A-Fa-f]{2}){4,}/;

export function quotedDataLines(doc: PatchDocument, lines: readonly number[]): Set<number> {
  const out = new Set<number>();
  let inDiff = false;
  for (const l of lines) {
    const text = lineText(doc, l);
    if (HUNK.test(text)) inDiff = true;
    else if (text === '') inDiff = false;
    if (inDiff || ACPI_TABLE_ROW.test(text) || HEX_DUMP_ROW.test(text)) out.add(l);
  }
  return out;
}
