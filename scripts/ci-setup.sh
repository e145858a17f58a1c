#!/usr/bin/env bash
# Installs the system packages the tests need (chromium, Python's rdflib and SPARQLWrapper, a Japanese font), when missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The interop test reads the server with Debian's Python and its rdflib and SPARQLWrapper.
/usr/bin/python3 -c 'import rdflib, SPARQLWrapper' >/dev/null 2>&1 || missing+=(python3 python3-rdflib python3-sparqlwrapper)
# Without a Japanese font the browser tests still pass, but their screenshots show empty boxes for Japanese text.
if ! command -v fc-list >/dev/null 2>&1 || ! fc-list :lang=ja 2>/dev/null | grep -q .; then missing+=(fonts-ipafont-gothic); fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing ${missing[*]} and cannot install here (need root and apt-get); the browser and interop tests will fail" >&2
  fi
fi
# The HTTP suite runs a second time on Virtuoso (STORE=virtuoso; tests/virtuoso-setup.ts starts and stops it). Without
# Virtuoso that whole project would fail at its setup: stop here instead, with the reason and the way out.
if ! bash "$(dirname "$0")/virtuoso/install.sh"; then
  {
    echo
    echo "=== npm test: Virtuoso is not installed and could not be installed (see above) ==="
    echo "=== install it (npm run virtuoso -- install, as root), or run the embedded tests only: npx vitest run --project embedded ==="
    echo
  } >&2
  exit 1
fi
