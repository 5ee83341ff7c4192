#!/usr/bin/env bash
# Install everything locator needs on a fresh machine (idempotent; re-runs are quick).
#   - Debian packages: chromium (real-browser tests), wrk (load benchmark), gdal-bin (ogrinfo
#     opens the GeoPackages as GDAL 3.6 does), PostGIS for the
#     running PostgreSQL's major version (PostGIS store tests)
#   - a Python virtual environment in .venv with the project and its dev extras
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi

apt_packages=()
command -v chromium >/dev/null || apt_packages+=(chromium)
command -v wrk >/dev/null || apt_packages+=(wrk)
command -v ogrinfo >/dev/null || apt_packages+=(gdal-bin)  # GDAL 3.6 ogrinfo: GeoPackage tests
if command -v pg_lsclusters >/dev/null; then
  pg_major=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1{print $1}')
  if [ -n "${pg_major}" ] && [ ! -e "/usr/share/postgresql/${pg_major}/extension/postgis.control" ]; then
    apt_packages+=("postgresql-${pg_major}-postgis-3")
  fi
fi
if [ "${#apt_packages[@]}" -gt 0 ] && command -v apt-get >/dev/null; then
  echo "setup: apt-get install ${apt_packages[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${apt_packages[@]}" >/dev/null
fi

stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  .venv/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
  touch "$stamp"
fi
