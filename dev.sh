#!/usr/bin/env bash
# One entry point for a fresh machine: './dev.sh demo' builds the example graph and serves it,
# './dev.sh test' runs the test suite. Both create .venv and install the project first.
set -euo pipefail
cd "$(dirname "$0")"

install() {
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
}

browser() {
  # The browser tests drive Debian's Chromium through its chromedriver; CI runs as root and installs them.
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    return
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "note: chromium and chromedriver are missing and cannot be installed without root;" \
           "the browser tests will be skipped (apt-get install chromium chromium-driver)" >&2
      return
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
}

case "${1:-}" in
  demo)
    install
    .venv/bin/kg build examples/articles --store "${KG_STORE:-store}"
    exec .venv/bin/kg serve --store "${KG_STORE:-store}" --host 127.0.0.1 --port "${PORT:-5000}"
    ;;
  test)
    install
    browser
    shift
    exec .venv/bin/python -m pytest -q "$@"
    ;;
  *)
    echo "usage: ./dev.sh demo | test [pytest args]" >&2
    exit 2
    ;;
esac
