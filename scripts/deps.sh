#!/bin/sh
# Installs the Debian packages jianbao needs, only those that are missing.
# A no-op when everything is present; apt-get as root, sudo otherwise.
set -eu
PKGS="build-essential pkg-config libhpdf-dev libharfbuzz-dev libfreetype-dev libcjson-dev
libutf8proc-dev libunibreak-dev libfontconfig-dev libpng-dev libxml2-dev libzip-dev fonts-noto-cjk fonts-tibetan-machine
fonts-dejavu-core texlive-lang-chinese fonts-arphic-ukai poppler-utils qpdf mupdf-tools python3 python3-docx python3-openpyxl valgrind"
[ "${1:-}" = "--bench" ] && PKGS="$PKGS fonts-wqy-zenhei time bc" # a glyf font for the libharu baseline
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "jianbao: installing missing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 || true
# texlive-lang-chinese brings the Fandol faces (仿宋, 楷体) of the GB/T 9704 template
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
