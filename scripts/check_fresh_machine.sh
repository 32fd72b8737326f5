#!/usr/bin/env bash
# The README's two commands (`make run`, `make test`) on a truly fresh Debian 12: a minbase
# debootstrap root with only python3, python3-venv, make and git, into which the current commit
# is cloned. Everything else (Qt's Debian libraries, fonts, Xvfb, the .venv) must come from the
# project's own files. Run as root on a Debian machine:
#
#   scripts/check_fresh_machine.sh [ROOT]   # ROOT: an absent or empty folder (default: in /tmp)
#
# The machine's network settings are carried in so that the registries answer: resolv.conf, the
# CA certificates (a proxy may re-sign TLS), apt's sources and pip's configuration and PIP_*
# variables. SOCLE_KEEP_ROOT=1 keeps the root afterwards; SOCLE_DEBIAN_MIRROR picks the mirror.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-$(mktemp -d /tmp/socle-fresh-XXXXXX)}
root=$(realpath -m "$root")
mirror=${SOCLE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
log=$(mktemp /tmp/socle-fresh-log-XXXXXX)
started=$(date +%s)

say() { printf '[%4ss] %s\n' "$(($(date +%s) - started))" "$*"; }
fail() { say "ÉCHEC : $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "à lancer en root (debootstrap, chroot et mount en ont besoin)"
command -v debootstrap >/dev/null || fail "debootstrap absent : apt-get install debootstrap"
[ -z "$(ls -A "$root" 2>/dev/null)" ] || fail "$root n'est pas vide"
commit=$(git -C "$repo" rev-parse HEAD)
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] \
  || say "attention : modifications non validées, non vérifiées (seul $commit est cloné)"

mounted() { grep -q " $root/$1 " /proc/mounts; }
unmount_all() {
  for point in dev/shm dev/pts dev proc; do
    if mounted "$point"; then umount "$root/$point" || umount -l "$root/$point" || true; fi
  done
}
finish() {
  local status=$?
  unmount_all
  if mounted dev || mounted proc; then
    say "$root/dev ou $root/proc est encore monté : la racine n'est pas effacée"
  elif [ "${SOCLE_KEEP_ROOT:-}" != 1 ]; then
    rm -rf --one-file-system "$root"
  fi
  rm -f "$log"
  say "durée totale : $(($(date +%s) - started)) s ($([ $status -eq 0 ] && echo réussi || echo échec))"
}
trap finish EXIT

in_root() {  # a login-like environment: no display, the machine's pip settings
  local pip_vars=()
  while IFS= read -r line; do pip_vars+=("$line"); done < <(env | grep '^PIP_' || true)
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${pip_vars[@]}" \
    /bin/bash -c "$1"
}

say "debootstrap --variant=minbase bookworm $root ($mirror)"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$log" 2>&1 \
  || { tail -20 "$log"; fail "debootstrap"; }

say "réglages réseau de cette machine copiés dans la racine"
cp /etc/resolv.conf "$root/etc/resolv.conf"
shopt -s nullglob
sources=(/etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)
if ((${#sources[@]})); then
  cp "${sources[@]}" "$root/etc/apt/sources.list.d/"
  rm -f "$root/etc/apt/sources.list"  # the same suites, listed once
fi
[ -f /etc/pip.conf ] && cp /etc/pip.conf "$root/etc/pip.conf"
[ -d /etc/xdg/pip ] && mkdir -p "$root/etc/xdg" && cp -r /etc/xdg/pip "$root/etc/xdg/"
[ -f "$HOME/.config/pip/pip.conf" ] && mkdir -p "$root/root/.config/pip" \
  && cp "$HOME/.config/pip/pip.conf" "$root/root/.config/pip/"
shopt -u nullglob
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
[ -d /dev/shm ] && mount --bind /dev/shm "$root/dev/shm"

say "apt-get install python3 python3-venv make git (et rien d'autre)"
in_root "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  python3 python3-venv make git" >"$log" 2>&1 || { tail -20 "$log"; fail "apt-get install"; }
# The CA certificates after that install, which regenerates the bundle (git recommends the
# ca-certificates package); kept as a local certificate too, so that a later regeneration does
# not drop them (a proxy of this machine may re-sign TLS with its own authority).
mkdir -p "$root/etc/ssl/certs" "$root/usr/local/share/ca-certificates"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
cp /etc/ssl/certs/ca-certificates.crt "$root/usr/local/share/ca-certificates/machine.crt"

say "clone de $commit"
git clone -q --no-local "$repo" "$root/root/socle"
git -C "$root/root/socle" checkout -q --detach "$commit"

say "make run (sans écran)"
in_root "cd /root/socle && make run" >"$log" 2>&1 || { tail -40 "$log"; fail "make run"; }
grep -E "écrit dans|^Total " "$log" | sed 's/^/    /' || true
[ -s "$root/root/socle/socle-exemple.pdf" ] || fail "make run n'a pas écrit socle-exemple.pdf"

say "make test"
in_root "cd /root/socle && make test" >"$log" 2>&1 || { tail -60 "$log"; fail "make test"; }
# The skipped tests, counted by reason (the real open-data extracts are not in the root).
grep '^SKIPPED' "$log" | sed -E 's/^SKIPPED \[([0-9]+)\] [^:]+:[0-9]+: /\1\t/' \
  | awk -F'\t' '{n[$2] += $1} END {for (r in n) printf "    %d sauté%s : %s\n", n[r], (n[r] > 1 ? "s" : ""), r}' || true
grep -E "^[0-9]+ passed" "$log" | sed 's/^/    /'
say "les deux commandes du README passent sur une Debian 12 neuve"
