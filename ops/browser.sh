#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright's own browser download does not
# work on these machines). Install it when it is missing; say what to do when we can't.
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $CHROMIUM. Install Debian's package as root:" >&2
echo "  apt-get install chromium    (or set CHROMIUM to the browser's path)" >&2
exit 1
