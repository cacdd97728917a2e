#!/usr/bin/env bash
# Installs code-server 4.100.3 (the last release that runs on Node 20) and what the end-to-end
# tests need (Debian's chromium, neovim, ripgrep) into a cache folder outside the repository:
#   ${PATCHSMITH_CACHE:-$HOME/.cache/patchsmith}/code-server
# Idempotent: a finished install leaves a marker and the script returns at once next time.
# Prints the path of the code-server launcher on its last line of output.
set -euo pipefail

VERSION=4.100.3
CACHE_ROOT="${PATCHSMITH_CACHE:-$HOME/.cache/patchsmith}"
DIR="$CACHE_ROOT/code-server"
# Bump RECIPE when the steps below change: an install made by an older recipe is redone.
RECIPE=2
MARKER="$DIR/.ready-$VERSION-r$RECIPE"
CS="$DIR/node_modules/code-server"

fail() { echo "setup-code-server: $*" >&2; exit 1; }
step() { echo "setup-code-server: $*" >&2; }

APT_PACKAGES=(chromium neovim ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config python3 make g++)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    fail "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})"
  fi
  step "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || fail "apt-get update failed"
  apt-get install -y -qq "${missing[@]}" >&2 || fail "apt-get install ${missing[*]} failed"
fi

if [ -f "$MARKER" ] && [ -f "$CS/out/node/entry.js" ]; then
  echo "$CS/out/node/entry.js"
  exit 0
fi

command -v rg >/dev/null || fail "rg (Debian package ripgrep) not found"
mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || printf '{ "name": "patchsmith-code-server", "private": true }\n' > package.json

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

step "npm install code-server@$VERSION (scripts off) in $DIR"
npm install --ignore-scripts "code-server@$VERSION" >&2 || fail "npm install code-server@$VERSION failed"
[ -d "$CS/lib/vscode" ] || fail "code-server package has no lib/vscode"

step "installing VS Code's own dependencies (lib/vscode)"
cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts >&2 || fail "npm install in lib/vscode failed"

# @vscode/ripgrep's install script downloads a binary; give it Debian's instead.
mkdir -p node_modules/@vscode/ripgrep/bin
cp -f "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg

step "building VS Code's native modules (takes a few minutes)"
npm_config_yes=true npm rebuild >&2 || fail "npm rebuild in lib/vscode failed (are libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev installed?)"
ln -sfn node_modules node_modules.asar

step "installing the built-in extensions' dependencies"
cd "$CS/lib/vscode/extensions"
npm install --omit=dev >&2 || fail "npm install in lib/vscode/extensions failed"

# argon2 (password hashing, loaded at start-up even with --auth none) is hoisted to the top
# node_modules by npm; rebuild it where it is.
step "building argon2"
cd "$DIR"
npm rebuild argon2 >&2 || fail "npm rebuild argon2 failed"
cd "$CS"
npm rebuild argon2 >&2 || fail "npm rebuild argon2 failed"

[ -f "$CS/out/node/entry.js" ] || fail "code-server entry point missing: $CS/out/node/entry.js"
# Smoke test (code-server writes a default config file: keep it inside the cache).
XDG_CONFIG_HOME="$DIR/xdg-config" XDG_DATA_HOME="$DIR/xdg-data" node "$CS/out/node/entry.js" --version >&2 \
  || fail "code-server does not start (node $CS/out/node/entry.js --version failed)"
touch "$MARKER"
step "ready"
echo "$CS/out/node/entry.js"
