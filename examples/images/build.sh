#!/usr/bin/env bash
# Builds the small local images the examples and the tests use. No image registry is needed:
# each image is a root filesystem holding Debian's static busybox, made with `docker import`.
#
#   k8sm/busybox:1   busybox with its applets as a shell userland (sh, httpd, nc, wget, sleep ...)
#   k8sm/httpd:1     busybox httpd serving /www on port 80 (the seed's nginx, made small)
#   k8sm/pause:1     the infra container: holds a pod's network namespace and sleeps
#
# Usage: examples/images/build.sh [--force]    (skips images that already exist unless --force)
set -euo pipefail

force=0
[ "${1:-}" = "--force" ] && force=1

busybox=""
for candidate in /bin/busybox /usr/bin/busybox; do
  if [ -x "$candidate" ] && file -L "$candidate" 2>/dev/null | grep -q 'statically linked'; then
    busybox=$candidate; break
  fi
done
if [ -z "$busybox" ] && [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; then busybox=/bin/busybox; fi
if [ -z "$busybox" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "build.sh: installing Debian's busybox-static" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
    busybox=/bin/busybox
  else
    echo "build.sh: a static busybox is needed (Debian: apt-get install busybox-static)" >&2
    exit 1
  fi
fi

exists() { docker image inspect "$1" >/dev/null 2>&1; }

# make_image NAME CHANGE... : imports a busybox root filesystem, with extra files from $extra.
make_image() {
  local name=$1; shift
  if [ $force = 0 ] && exists "$name"; then echo "image $name: present"; return; fi
  local root; root=$(mktemp -d)
  mkdir -p "$root"/{bin,sbin,etc,tmp,www,proc,sys,dev,root,var/log}
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/:/bin/false' >> "$root/etc/passwd"
  echo 'root:x:0:' > "$root/etc/group"
  echo 'nogroup:x:65534:' >> "$root/etc/group"
  printf '<html><body><h1>kubernetes-mesos</h1><p>served by busybox httpd</p></body></html>\n' > "$root/www/index.html"
  echo ok > "$root/www/healthz"
  local changes=()
  for c in "$@"; do changes+=(--change "$c"); done
  tar -C "$root" -c . | docker import "${changes[@]}" - "$name" >/dev/null
  rm -rf "$root"
  echo "image $name: built"
}

make_image k8sm/busybox:1 'ENV PATH=/bin:/sbin' 'CMD ["sh"]'
make_image k8sm/httpd:1 'ENV PATH=/bin:/sbin' 'EXPOSE 80' 'CMD ["httpd","-f","-v","-p","80","-h","/www"]'
make_image k8sm/pause:1 'ENV PATH=/bin:/sbin' 'CMD ["sleep","2147483647"]'
