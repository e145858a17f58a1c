#!/usr/bin/env bash
# Installs the system packages the tests need (Debian's chromium for the browser tests), when missing.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing and cannot be installed here (need root and apt-get); browser tests will fail" >&2
  fi
fi
