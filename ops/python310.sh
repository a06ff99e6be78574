#!/usr/bin/env bash
# Print the path of a working Python 3.10 (Rasa 3.6 needs it), or say what to install.
# Looks where a user's machine would have it: $PYTHON310, then python3.10 on PATH,
# then pyenv's installed 3.10 versions (pyenv's shim alone fails when 3.10 is not selected).
set -uo pipefail

works() { "$1" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; }

for candidate in "${PYTHON310:-}" python3.10; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if works "$path"; then echo "$path"; exit 0; fi
done

if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for dir in $(ls -d "$root"/versions/3.10* 2>/dev/null | sort -V -r); do
    if works "$dir/bin/python3.10"; then echo "$dir/bin/python3.10"; exit 0; fi
  done
fi

cat >&2 <<'MSG'
Python 3.10 was not found, and Rasa 3.6 needs it.
Install it, then run the command again. For example:
  - with pyenv:      pyenv install 3.10
  - on Debian/Ubuntu: apt-get install python3.10 python3.10-venv
Or point PYTHON310 at a Python 3.10 interpreter: make run PYTHON310=/path/to/python3.10
MSG
exit 1
