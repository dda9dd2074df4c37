#!/usr/bin/env bash
# Creates (or repairs) the project's Python venv at .venv and installs the given requirement files into it.
# Idempotent: a venv whose stamp (.venv/.requirements.sha256) already lists every file's current hash is
# reused without calling pip.
#
#   scripts/python-venv.sh [REQUIREMENTS_FILE...]     (default: test/interop/requirements.txt)
#
# Environment: PYTHON (default python3) builds the venv; VENV_DIR (default <repo>/.venv) is where it lives.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
venv="${VENV_DIR:-$root/.venv}"
stamp="$venv/.requirements.sha256"

die() { echo "python-venv: $*" >&2; exit 1; }

if [ "$#" -eq 0 ]; then set -- test/interop/requirements.txt; fi

# "<sha256>  <path relative to the repo>" for every requested file, in the order given.
wanted=""
wanted_paths=$'\n'
for file in "$@"; do
  [ -f "$file" ] || die "requirements file not found: $file"
  abs="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
  rel="${abs#"$root"/}"
  hash="$(sha256sum "$abs" | cut -d' ' -f1)"
  wanted+="$hash  $rel"$'\n'
  wanted_paths+="$rel"$'\n'
done

venv_works() {
  [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys, pip; sys.exit(0 if sys.prefix != sys.base_prefix else 1)' >/dev/null 2>&1
}

if ! venv_works; then
  command -v "$python" >/dev/null 2>&1 || die "$python not found; install Python 3 (Debian: apt-get install python3 python3-venv)"
  if [ -e "$venv" ]; then echo "python-venv: $venv is broken; recreating it" >&2; fi
  "$python" -m venv --clear "$venv" \
    || die "'$python -m venv' failed; on Debian/Ubuntu install the venv module: apt-get install python3-venv"
  venv_works || die "the new venv at $venv has no working python/pip"
fi

satisfied=true
while IFS= read -r line; do
  [ -n "$line" ] || continue
  if [ ! -f "$stamp" ] || ! grep -Fxq -- "$line" "$stamp"; then satisfied=false; fi
done <<< "$wanted"

if $satisfied; then
  echo "python-venv: $venv is up to date"
  exit 0
fi

# Files installed earlier are installed again alongside, so pip resolves all pins together and a new
# file cannot silently break an earlier one.
pip_args=()
for file in "$@"; do pip_args+=(-r "$file"); done
if [ -f "$stamp" ]; then
  while IFS= read -r old; do
    path="${old#*  }"
    if [ -n "$path" ] && [ -f "$path" ] && [[ "$wanted_paths" != *$'\n'"$path"$'\n'* ]]; then
      pip_args+=(-r "$path")
    fi
  done < "$stamp"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${pip_args[@]}" \
  || die "pip install failed for: $*"

# Record the new hashes, replacing older entries for the same files and keeping the others.
tmp="$(mktemp "$venv/.requirements.XXXXXX")"
{
  if [ -f "$stamp" ]; then
    while IFS= read -r old; do
      if [ -n "$old" ] && [[ "$wanted_paths" != *$'\n'"${old#*  }"$'\n'* ]]; then printf '%s\n' "$old"; fi
    done < "$stamp"
  fi
  printf '%s' "$wanted"
} > "$tmp"
mv "$tmp" "$stamp"
echo "python-venv: installed $* into $venv"
