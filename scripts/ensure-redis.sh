#!/usr/bin/env bash
# Makes sure Debian's redis-server is installed: the tests of chatroutes/server's persistent
# ownership start one on loopback (nothing runs as a service). Prints the executable's path.
set -euo pipefail

if ! command -v redis-server >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "redis-server is missing: install Debian's 'redis-server' package (apt-get install redis-server)." >&2
    exit 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >&2
fi
command -v redis-server
