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

system_tools() {
  # Tools the tests drive from outside Python: Debian's Chromium and chromedriver (browser tests),
  # rapper (dump parsing) and node/npm (the W3C protocol test harness). CI runs as root and installs them.
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v rapper >/dev/null || missing+=(raptor2-utils)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "note: ${missing[*]} missing and cannot be installed without root;" \
           "the tests that need them will be skipped (apt-get install ${missing[*]})" >&2
      return
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

case "${1:-}" in
  demo)
    install
    .venv/bin/kg build examples/articles --store "${KG_STORE:-store}"
    exec .venv/bin/kg serve --store "${KG_STORE:-store}" --host 127.0.0.1 --port "${PORT:-5000}"
    ;;
  test)
    install
    system_tools
    shift
    exec .venv/bin/python -m pytest -q "$@"
    ;;
  *)
    echo "usage: ./dev.sh demo | test [pytest args]" >&2
    exit 2
    ;;
esac
