# Sourced by scripts/test and scripts/run: checks the operating-system packages SafeCampus needs and, when running
# as root on Debian or Ubuntu, installs the missing ones with apt. Otherwise prints the command to run.

sc_missing_packages() {
  local need_browser="$1" missing=()
  if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    [ -n "${SAFECAMPUS_TEST_DB:-}${ConnectionStrings__Default:-}" ] || missing+=(postgresql)
  fi
  if [ "$need_browser" = yes ]; then
    [ -x "${SAFECAMPUS_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
    [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
    # CJK Extension B (𠀀, 𪚥: real in Chinese names), which WenQuanYi lacks.
    [ -f /usr/share/fonts/truetype/hanazono/HanaMinB.ttf ] || missing+=(fonts-hanazono)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  fi
  echo "${missing[@]:-}"
}

sc_ensure_packages() {
  local missing
  missing=$(sc_missing_packages "$1")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing missing packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "Missing packages: $missing" >&2
    echo "Install them with: sudo apt-get install -y $missing" >&2
    exit 1
  fi
}
