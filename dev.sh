#!/usr/bin/env bash
# One entry point for a fresh Linux machine with Python 3.11+:
#   ./dev.sh demo   set everything up, build the demo database, open the app on it
#   ./dev.sh test   set everything up, then lint, type-check and run the whole test suite
# Set-up is idempotent: system packages are installed only when missing, the virtualenv is
# (re)built only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
DEMO_DB=${MINESALES_DEMO_DB:-demo/minesales-demo.db}
DEMO_CUSTOMERS=${MINESALES_DEMO_CUSTOMERS:-2000}
# Debian packages: CJK TrueType font for PDFs/charts, pdftotext/pdftoppm, a virtual X screen,
# the Qt platform libraries PySide6 loads, sqlite3 for dumps,
# PostgreSQL for the sync server's tests (they start a throwaway cluster themselves), time zones
# (tzdata: a test shows times in Asia/Shanghai).
APT_PACKAGES=(fonts-wqy-microhei poppler-utils xvfb xauth libegl1 libgl1 libfontconfig1
  libdbus-1-3 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
  libxcb-xkb1 sqlite3 postgresql python3-venv tzdata)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  echo "Python 3.11 or newer is needed (python3 --version says: $(python3 --version 2>&1))" >&2
  exit 1
}

system_packages() {
  command -v dpkg >/dev/null 2>&1 || { log "not a Debian/Ubuntu system: install ${APT_PACKAGES[*]} yourself"; return; }
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      log "missing system packages (install them as root): ${missing[*]}"; return; fi
  fi
  log "installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

python_env() {
  local stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating virtualenv $VENV"
    "$(find_python)" -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ]; then
    log "installing Python packages"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e '.[dev]'
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
}

translations() {
  "$VENV/bin/python" -c 'from minesales_desktop.i18n import compile_translations as c; c()'
}

cmd_demo() {
  system_packages
  python_env
  translations
  if [ ! -f "$DEMO_DB" ]; then
    log "building the demo database $DEMO_DB ($DEMO_CUSTOMERS customers)"
    mkdir -p "$(dirname "$DEMO_DB")"
    "$VENV/bin/minesales" demo-data --db "$DEMO_DB" --customers "$DEMO_CUSTOMERS" --seed 1
  fi
  "$VENV/bin/minesales" summary --db "$DEMO_DB"
  if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    log "no display here: screenshots of every tab instead, in demo/screenshots/"
    QT_QPA_PLATFORM=offscreen "$VENV/bin/minesales" --db "$DEMO_DB" --smoke-test \
      --screenshots demo/screenshots "$@"
    return
  fi
  log "opening the app: sign in as manager (or any login above) with the password demo"
  exec "$VENV/bin/minesales" --db "$DEMO_DB" "$@"
}

cmd_test() {
  system_packages
  python_env
  export QT_QPA_PLATFORM=offscreen
  translations
  log "ruff"
  "$VENV/bin/ruff" check .
  "$VENV/bin/ruff" format --check .
  log "mypy"
  "$VENV/bin/mypy" minesales_desktop
  log "pytest"
  "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
}

case "${1:-}" in
  demo) shift; cmd_demo "$@" ;;
  test) shift; cmd_test "$@" ;;
  *) echo "usage: ./dev.sh demo | ./dev.sh test [pytest args]" >&2; exit 2 ;;
esac
