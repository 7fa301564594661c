#!/usr/bin/env bash
# Installs the system packages the tests need (Debian): chromium for the browser tests,
# a Java runtime for the Nu HTML Checker, jing for the tei_all parity test (teitools itself never runs Java).
# Does nothing when they are already there.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v jing >/dev/null 2>&1 || missing+=(jing)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages: ${missing[*]} (run as root, or install them with apt-get)" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
