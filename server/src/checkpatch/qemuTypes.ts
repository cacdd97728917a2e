/**
 * Stable rule ids for checkpatch forks that print no TYPE (QEMU's `scripts/checkpatch.pl` has no
 * `--show-types`). Each message kind QEMU's script prints maps to an id: the kernel's TYPE where
 * the kernel's checkpatch has the same check (so `.patchsmith.json` severities and `--ignore`
 * carry over), a `QEMU_` id where the check is QEMU's own. A message no entry knows gets an id
 * derived from its words (quoted text and numbers removed), so it is still stable and can be
 * configured.
 *
 * | QEMU's message (start)                                         | id                               |
 * |----------------------------------------------------------------|----------------------------------|
 * | code indent should never use tabs                              | QEMU_CODE_INDENT_TABS            |
 * | line over N characters                                         | LONG_LINE                        |
 * | trailing whitespace                                            | TRAILING_WHITESPACE              |
 * | DOS line endings                                               | DOS_LINE_ENDINGS                 |
 * | space(s) required / prohibited ... (ctx:..)                    | SPACING                          |
 * | space prohibited between function name and open parenthesis   | SPACING                          |
 * | trailing statements should be on next line                     | TRAILING_STATEMENTS              |
 * | added, moved or deleted file(s)                                | FILE_PATH_CHANGES                |
 * | ... imported from Linux, are you using update-linux-headers.sh | QEMU_LINUX_HEADERS               |
 * | headers imported from Linux should be self-contained           | QEMU_LINUX_HEADERS               |
 * | New file '...' requires / Does new file '...' need SPDX        | SPDX_LICENSE_TAG                 |
 * | Macros with multiple statements should be enclosed in a do ... | MULTISTATEMENT_MACRO_USE_DO_WHILE|
 * | Missing Signed-off-by: line(s)                                 | MISSING_SIGN_OFF                 |
 * | Author email address is mangled by the mailing list            | QEMU_MANGLED_AUTHOR              |
 * | do not use C99 // comments                                     | C99_COMMENTS                     |
 * | braces {} are necessary for all arms of this statement         | BRACES                           |
 * | that open brace { should be on the previous line               | OPEN_BRACE                       |
 * | suspect code indent for conditional statements                 | SUSPECT_CODE_INDENT              |
 * | Block comments use ...                                         | BLOCK_COMMENT_STYLE              |
 * | return is not a function, parentheses are not required         | RETURN_PARENTHESES               |
 * | do not initialise globals to 0 or NULL                         | GLOBAL_INITIALISERS              |
 * | please, no space before tabs                                   | SPACE_BEFORE_TAB                 |
 * | unnecessary whitespace before a quoted newline                 | QUOTED_WHITESPACE_BEFORE_NEWLINE |
 * | architecture specific defines should be avoided                | ARCH_DEFINES                     |
 * | Don't use '#' flag of printf format ('%#') ...                 | QEMU_PRINTF_HASH_FLAG            |
 * | DEVICE_NATIVE_ENDIAN is not allowed                            | QEMU_DEVICE_NATIVE_ENDIAN        |
 * | memory barrier without comment                                 | MEMORY_BARRIER                   |
 * | __func__ should be used instead of gcc specific __FUNCTION__   | USE_FUNC                         |
 * | use QEMU instead of Qemu or QEmu                               | QEMU_SPELLING                    |
 * | consider using qemu_strto... in preference to strto...         | QEMU_STRTO                       |
 */

const TABLE: readonly (readonly [RegExp, string])[] = [
  [/^code indent should never use tabs/, 'QEMU_CODE_INDENT_TABS'],
  [/^line over \d+ characters/, 'LONG_LINE'],
  [/^trailing whitespace/, 'TRAILING_WHITESPACE'],
  [/^DOS line endings/, 'DOS_LINE_ENDINGS'],
  [/^space prohibited between function name and open parenthesis/, 'SPACING'],
  [/^(?:spaces?|need consistent spacing) (?:required|prohibited|around|before|after)/, 'SPACING'],
  [/^trailing statements should be on next line/, 'TRAILING_STATEMENTS'],
  [/imported from Linux/, 'QEMU_LINUX_HEADERS'],
  [/^added, moved or deleted file\(s\)/, 'FILE_PATH_CHANGES'],
  [/^(?:New file '.*' requires|Does new file '.*' need) 'SPDX-License-Identifier'/, 'SPDX_LICENSE_TAG'],
  [/SPDX-License-Identifier/, 'SPDX_LICENSE_TAG'],
  [/^Macros with multiple statements should be enclosed/, 'MULTISTATEMENT_MACRO_USE_DO_WHILE'],
  [/^Missing Signed-off-by/, 'MISSING_SIGN_OFF'],
  [/^Author email address is mangled/, 'QEMU_MANGLED_AUTHOR'],
  [/^do not use C99 \/\/ comments/, 'C99_COMMENTS'],
  [/^braces \{\} are necessary/, 'BRACES'],
  [/^that open brace \{ should be on the previous line/, 'OPEN_BRACE'],
  [/^suspect code indent/, 'SUSPECT_CODE_INDENT'],
  [/^Block comments /, 'BLOCK_COMMENT_STYLE'],
  [/^return is not a function/, 'RETURN_PARENTHESES'],
  [/^do not initialise globals/, 'GLOBAL_INITIALISERS'],
  [/^please, no space before tabs/, 'SPACE_BEFORE_TAB'],
  [/^unnecessary whitespace before a quoted newline/, 'QUOTED_WHITESPACE_BEFORE_NEWLINE'],
  [/^architecture specific defines should be avoided/, 'ARCH_DEFINES'],
  [/^Don't use '#' flag of printf format/, 'QEMU_PRINTF_HASH_FLAG'],
  [/^DEVICE_NATIVE_ENDIAN is not allowed/, 'QEMU_DEVICE_NATIVE_ENDIAN'],
  [/^memory barrier without comment/, 'MEMORY_BARRIER'],
  [/^__func__ should be used instead of/, 'USE_FUNC'],
  [/^use QEMU instead of/, 'QEMU_SPELLING'],
  [/^consider using qemu_strto/, 'QEMU_STRTO'],
];

/** Most words of a message an id derived from it keeps. */
const DERIVED_WORDS = 6;

/** The id of a message of a script that prints no TYPE. */
export function typeForMessage(message: string): string {
  const first = message.split('\n', 1)[0]!.trim();
  for (const [re, id] of TABLE) if (re.test(first)) return id;
  return derivedType(first);
}

/** `architecture specific defines should be avoided` -> `ARCHITECTURE_SPECIFIC_DEFINES_SHOULD_BE_AVOIDED`. */
export function derivedType(message: string): string {
  const words = message
    .replace(/'[^']*'|"[^"]*"|\([^)]*\)/g, ' ') // quoted names, (ctx:VxV)
    .replace(/[^A-Za-z ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, DERIVED_WORDS)
    .map((w) => w.toUpperCase());
  return words.length ? words.join('_') : 'CHECKPATCH';
}
