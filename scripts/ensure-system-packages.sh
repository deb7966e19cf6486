#!/usr/bin/env bash
# Makes sure the Debian packages behind the tests and the PDF are there: Chromium for the browser
# tests (Playwright drives this system browser; no browser is ever downloaded) and the Pango
# libraries and the fonts that WeasyPrint needs to render the PDF: Charis SIL sets the book's text
# (SIL Open Font License), DejaVu its code and any character Charis lacks.
set -euo pipefail

browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
packages=(chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-sil-charis)

missing=()
[ -x "$browser" ] || missing+=(chromium)
for package in "${packages[@]:1}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: present ($("$browser" --version 2>/dev/null))"
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "system packages: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "system packages: done ($("$browser" --version 2>/dev/null))"
  exit 0
fi

cat >&2 <<MSG
error: missing Debian packages: ${missing[*]}
  On Debian or Ubuntu: sudo apt-get install ${missing[*]}
  Chromium elsewhere: install it and set CHROMIUM_PATH to its executable.
MSG
exit 1
