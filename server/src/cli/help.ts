/** The text of `patchsmith --help`. */
export const HELP = `patchsmith - check and inspect patch emails (git format-patch, b4, checkpatch conventions)

Usage:
  patchsmith check [options] PATHS...     check patches, mboxes and folders of patches
  patchsmith parse [--json] [--commit-message] FILE|-
                                          print the parsed model of a patch (- reads stdin)
  patchsmith preview PATHS... [-o FILE]   render the series as a standalone HTML page
  patchsmith series VERB [options]        a branch as a patch series (b4 prep/trailers/send)
  patchsmith lsp --stdio                  run the language server on stdin/stdout
  patchsmith --help | --version

check:
  PATHS are files (any name) or folders (their *.patch, *.mbox and *.eml files, sorted by
  name) or - for standard input. All files are grouped into series for the series checks.
  Repository checks (commit references, identity) run when the files are inside a git
  repository, or in the one given with --repo.
  --format text|json|sarif   output (default text: file:line:col: severity: message [RULE],
                             then a summary on stderr)
  --fix                      apply the safe fixes in place (mechanical: exactly what the
                             message names) and report what changed and which unsafe
                             fixes were left
  --unsafe-fixes             with --fix, also apply the unsafe ones (guesses: spelling
                             suggestions, trailer order, an added Signed-off-by)
  --ignore TYPE[,TYPE...]    skip these rules (checkpatch TYPEs; may be repeated)
  --max-line-length N        commit-log line limit (default 75; 76 with --profile qemu)
  --strict                   also run CHECK-level rules, like checkpatch --strict
  --profile kernel|qemu|git  conventions to follow (default kernel)
  --repo DIR                 use the git repository at DIR
  --no-repo                  skip the repository checks
  --commit-message           read the inputs as bare commit messages (automatic for
                             COMMIT_EDITMSG, MERGE_MSG, SQUASH_MSG: use it in a commit-msg hook)
  --cover-text               read the inputs as a series' cover letter text (the branch
                             description: subject paragraph, blurb; automatic for *.cover)
  --checkpatch PATH          run this checkpatch.pl as a second source
  --no-checkpatch            do not run any checkpatch.pl (CI jobs that must not run the
                             repository's code)
  --checkpatch-timeout S     stop a checkpatch.pl that runs longer (default 30 seconds)
  checkpatch.pl: when the repository of the files has scripts/checkpatch.pl (or .patchsmith.json
  names one with "checkpatch": "PATH"), check RUNS IT with perl from the repository root, as the
  project's developers do, and merges its findings (source checkpatch.pl, rule id = its TYPE)
  with the native ones; a native finding of the same TYPE on the same line wins. This runs code
  from the repository: use --no-checkpatch (or "checkpatch": false) where that is not wanted.
  Its --fix changes are offered as unsafe fixes: check --fix never applies them.
  Configuration: the nearest .checkpatch.conf (patch folder up to the repository root, then
  $HOME) and .patchsmith.json at the repository root; command-line options win.
  Exit status: 0 no errors, 1 an error-level problem remains, 2 bad usage or unreadable input.

parse:
  --json                     the model as JSON (an array when the file holds several
                             messages); every "line" and "column" is 1-based, as editors show
  --commit-message           read the input as a bare commit message (COMMIT_EDITMSG)

preview:
  -o, --output FILE          write the page to FILE (default: standard output)

series (the current branch, or --branch NAME; --repo DIR for another work tree):
  start [--base REF] [--prefix P]...      enrol the branch (base: its upstream, else main/master);
                                          stored as b4 prep stores it (branch description + b4-tracking)
  status                                  version, base, commits with A/R/T counts, recipients, check
  cover [--edit]                          print the cover letter, or edit it in git's editor
  format [-o DIR]                         git format-patch into DIR/vN/ (default outgoing/) with the
                                          cover letter, --base, change-id, threading and To/Cc from
                                          MAINTAINERS, the trailers and the cover's To:/Cc: lines; then check
  trailers --from MBOX|MAILDIR [--dry-run] [--sloppy]
                                          add the replies' Reviewed-by/Acked-by/Tested-by... to the
                                          commits (b4 trailers -u); keeps a backup ref
  reroll                                  next version; "Changes in vN:" from git range-diff, link to vN-1
  send [--dry-run] [--to-self] [--yes] [--force] [-o DIR] [-- git send-email options]
                                          format, check, confirm, git send-email (sendemail.* config)

Set PATCHSMITH_DEBUG=1 to see stack traces of internal errors.
`;
