#!/usr/bin/env bash
# Make sure Debian's Chromium, fonts covering Thai and Vietnamese, nginx and openssl are present.
# As root, installs what is missing with apt-get; otherwise prints the command to run and fails.
# nginx and openssl serve only the reverse-proxy test; the package's own service is not started.
set -euo pipefail
packages=(chromium fonts-thai-tlwg fonts-noto-core nginx openssl)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} with apt-get ..."
  apt-get update -qq
  # A policy-rc.d that exits with 101 tells the packages' install scripts not to start their services,
  # so installing nginx does not leave a web server listening on port 80.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  echo "(Browser tests drive Debian's Chromium at /usr/bin/chromium; the fonts draw Thai and Vietnamese text;" >&2
  echo "the reverse-proxy test runs nginx with a self-signed certificate made by openssl.)" >&2
  exit 1
fi
