#!/usr/bin/env bash
# Installs what Multaqa needs on a fresh machine, idempotently:
#   system packages (Java 17+, Maven, Redis, Python venv) when missing and we may use apt-get,
#   then the Python virtual environment at .venv with the project and the extras asked for.
# Usage: scripts/bootstrap.sh [EXTRAS]   EXTRAS is a comma-separated list of the optional
# dependency groups of pyproject.toml, default "dev"; the tests ask for "dev,st" (st brings
# sentence-transformers and torch, several GB, which the default encoder does not need).
set -euo pipefail
extras=${1:-dev}
cd "$(dirname "$0")/.."

log() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }

need_apt=()
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
# The tests run a real Redis broker; the app itself works without one (tasks run in-process).
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)
# The browser tests drive Debian's Chromium (Playwright's own browser download is not used)
# and inject axe-core from npm.
[[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if ((${#need_apt[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "Please install: ${need_apt[*]} (Java 17+, Maven, Python 3.11+ with venv)" >&2
    exit 1
  fi
fi

python3 - <<'PY' || { echo "Python 3.11+ is required (found $(python3 --version))" >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

# torch (the st extra) needs about 7 GB once installed; say so before pip fails half-way with
# "No space left on device".
warn_low_disk() {
  local need_gb=1 free_gb
  [[ ",$1," == *",st,"* ]] && need_gb=8
  free_gb=$(df -Pk . | awk 'NR==2 {print int($4 / 1048576)}')
  if ((free_gb < need_gb)); then
    log "warning: ${free_gb} GB free here; installing extras $1 needs about ${need_gb} GB"
  fi
}

if [[ ! -x .venv/bin/python ]]; then
  log "creating .venv"
  python3 -m venv .venv
fi
# Reinstall only when the dependency list changed since the last install, or an extra asked for
# now was not installed then (the stamp lists the extras installed).
stamp=.venv/.multaqa-installed
installed=$(cat "$stamp" 2>/dev/null || true)
missing_extra=0
for extra in ${extras//,/ }; do
  [[ ",$installed," == *",$extra,"* ]] || missing_extra=1
done
if [[ ! -f $stamp || pyproject.toml -nt $stamp || $missing_extra -eq 1 ]]; then
  wanted=$(printf '%s\n' ${installed//,/ } ${extras//,/ } | sort -u | paste -sd, -)
  log "installing Python dependencies into .venv (extras: $wanted)"
  pip_flags=(-q)
  # On a CI machine the download cache is never reused: keeping it would hold a second copy
  # of torch's several GB on a disk that may not have room for both.
  [[ -n ${CI:-} ]] && pip_flags+=(--no-cache-dir)
  warn_low_disk "$wanted"
  .venv/bin/python -m pip install "${pip_flags[@]}" --upgrade pip
  .venv/bin/python -m pip install "${pip_flags[@]}" -e ".[$wanted]"
  printf '%s\n' "$wanted" >"$stamp"
fi

# The gettext catalogs of the pages, reasons and notifications (the .mo files are not kept in git).
.venv/bin/pybabel compile --statistics -d matcher/locale -D messages >/dev/null
# axe-core for the accessibility checks of the browser tests (pinned in package.json).
if [[ ! -f node_modules/axe-core/axe.min.js ]]; then
  log "installing axe-core (npm)"
  npm install --no-audit --no-fund --silent
fi
