#!/usr/bin/env bash
# Installs Debian's Virtuoso (virtuoso-t and isql-vt only, no service that starts itself) when missing.
set -euo pipefail
if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource-7-bin >/dev/null
else
  echo "virtuoso-opensource-7-bin is missing and cannot be installed here (need root and apt-get); the Virtuoso tests will fail" >&2
  exit 1
fi
