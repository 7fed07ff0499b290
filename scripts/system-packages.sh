#!/usr/bin/env bash
# Make sure Debian's Chromium and fonts covering Thai and Vietnamese are present.
# As root, installs what is missing with apt-get; otherwise prints the command to run and fails.
set -euo pipefail
packages=(chromium fonts-thai-tlwg fonts-noto-core)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} with apt-get ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  echo "(Browser tests drive Debian's Chromium at /usr/bin/chromium; the fonts draw Thai and Vietnamese text.)" >&2
  exit 1
fi
