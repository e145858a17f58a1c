#!/usr/bin/env bash
# Installs the system packages the tests need (Debian's chromium, and a Japanese font for legible screenshots), when missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Without a Japanese font the browser tests still pass, but their screenshots show empty boxes for Japanese text.
if ! command -v fc-list >/dev/null 2>&1 || ! fc-list :lang=ja 2>/dev/null | grep -q .; then missing+=(fonts-ipafont-gothic); fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing ${missing[*]} and cannot install here (need root and apt-get); browser tests will fail without chromium" >&2
  fi
fi
