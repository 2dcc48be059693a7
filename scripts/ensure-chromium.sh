#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (playwright-core drives it;
# browser downloads do not work here). Prints the executable's path.
set -euo pipefail

if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "Chromium is missing: install Debian's 'chromium' package (apt-get install chromium)." >&2
    exit 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
command -v chromium
