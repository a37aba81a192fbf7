# Shared by the bin/ scripts: locate the project, build a module's jars when missing, run a main class.
# Sourced, not executed.

K8SM_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export K8SM_HOME

# k8sm_ensure_built MODULE: builds MODULE (and what it needs) when its jar is missing.
k8sm_ensure_built() {
  local module=$1
  if [ ! -f "$K8SM_HOME/$module/target/$module.jar" ] || [ ! -d "$K8SM_HOME/$module/target/lib" ]; then
    command -v mvn >/dev/null || { echo "$(basename "$0"): Maven (mvn) is needed to build $module" >&2; exit 1; }
    echo "$(basename "$0"): building $module (first run) ..." >&2
    (cd "$K8SM_HOME" && mvn -B -q -DskipTests -pl "$module" -am package) >&2 \
      || { echo "$(basename "$0"): the build of $module failed" >&2; exit 1; }
  fi
}

# k8sm_run MODULE MAIN_CLASS ARGS...: execs the JVM. JAVA_OPTS adds JVM flags; K8SM_CONFIG names
# a configuration file to use instead of the shipped application.conf.
k8sm_run() {
  local module=$1 main=$2
  shift 2
  k8sm_ensure_built "$module"
  local java=java
  [ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
  # shellcheck disable=SC2086
  exec "$java" ${JAVA_OPTS:-} \
    -Dcom.google.protobuf.use_unsafe_pre22_gencode=true \
    -Dconfig.file="${K8SM_CONFIG:-$K8SM_HOME/application.conf}" \
    -cp "$K8SM_HOME/$module/target/$module.jar:$K8SM_HOME/$module/target/lib/*" \
    "$main" "$@"
}
