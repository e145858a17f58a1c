#!/usr/bin/env bash
# Installs Debian's Virtuoso (virtuoso-t and isql-vt only, no service that starts itself) when missing. Exits non-zero
# with a message saying what to do when it cannot: the "virtuoso" test project and STORE=virtuoso need both programs.
set -euo pipefail
have() { command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; }
if have; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "virtuoso-opensource-7-bin (virtuoso-t, isql-vt) is missing and cannot be installed here: run npm run virtuoso -- install as root on Debian or Ubuntu" >&2
  exit 1
fi
apt-get update -qq
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource-7-bin >/dev/null; then
  echo "apt-get install virtuoso-opensource-7-bin failed (is the package in this machine's apt sources?)" >&2
  exit 1
fi
# The package could be there under another layout: check what the scripts run, not what apt says.
if ! have; then
  echo "virtuoso-opensource-7-bin is installed but virtuoso-t or isql-vt is not on the PATH" >&2
  exit 1
fi
