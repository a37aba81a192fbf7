package io.k8sm.framework;

import com.typesafe.config.Config;
import io.k8sm.protocol.codec.Encoding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The scheduler's settings, read once from the {@code k8sm.framework} section (flags already merged
 * in by {@code Main}). Immutable; actors receive it (or the part they need) at creation.
 */
public record FrameworkSettings(
    List<String> masters,
    String masterApiPath,
    String executorPath,
    long executorCpuMillis,
    long executorMemMb,
    String address,
    int port,
    Duration apiTimeout,
    List<String> machines,
    String name,
    String user,
    List<String> roles,
    String principal,
    String hostname,
    Duration failoverTimeout,
    Path dataDir,
    int jmxPort,
    long defaultContainerCpuMillis,
    long defaultContainerMemMb,
    long podDiskMb,
    Offers offers,
    Pods pods,
    Mesos mesos,
    String store,
    Recovery recovery,
    Api api) {

  /** REST API admission: mutating requests worked on at once, 0 = no limit. */
  public record Api(int maxMutatingRequestsInflight) {}

  /** Snapshots and reconciliation. */
  public record Recovery(int snapshotEvery, int keepSnapshots, Duration reconcileMin, Duration reconcileMax,
      Duration reconcileInterval) {}

  /** Offer pool timings and filters. */
  public record Offers(Duration ttl, double declineUnusableSeconds, double declineExpiredSeconds,
      Duration reservationTimeout, Duration reviveMinInterval, Duration acceptLinger, Duration acceptLingerMax) {}

  /** Pod actor backoffs. */
  public record Pods(Duration retryMin, Duration retryMax, Duration restartMin, Duration restartMax,
      Duration launchTimeout, Duration killGrace, String namespace) {}

  /**
   * Mesos subscription and supervision backoffs, the body encoding on the scheduler API, and the
   * calls of a subscription: at most {@code callsInFlight} at once (never more than the client's
   * request pool takes), transient failures retried after {@code callRetryMin} doubling to
   * {@code callRetryMax}.
   */
  public record Mesos(Duration backoffMin, Duration backoffMax, Duration supervisorBackoffMin,
      Duration supervisorBackoffMax, Encoding encoding, int callsInFlight, Duration callRetryMin,
      Duration callRetryMax) {}

  /** Reads {@code k8sm.framework} from a full configuration. */
  public static FrameworkSettings fromConfig(Config root) {
    Config c = root.getConfig("k8sm.framework");
    Config o = c.getConfig("offers");
    Config p = c.getConfig("pods");
    Config m = c.getConfig("mesos");
    return new FrameworkSettings(
        Arrays.stream(c.getString("mesos-master").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
        c.getString("master-api-path"),
        executorPath(c.getString("executor-path")),
        millis(c.getDouble("executor-cpus")),
        c.getLong("executor-mem-mb"),
        c.getString("address"),
        c.getInt("port"),
        c.getDuration("api-timeout"),
        List.copyOf(c.getStringList("machines")),
        c.getString("name"),
        c.getString("user").isEmpty() ? System.getProperty("user.name", "root") : c.getString("user"),
        List.copyOf(c.getStringList("roles")),
        c.getString("principal"),
        c.getString("hostname"),
        c.getDuration("failover-timeout"),
        Path.of(c.getString("data-dir")),
        c.getInt("jmx-port"),
        millis(c.getDouble("default-container-cpus")),
        c.getLong("default-container-mem-mb"),
        c.getLong("pod-disk-mb"),
        new Offers(o.getDuration("ttl"), o.getDouble("decline-unusable-seconds"),
            o.getDouble("decline-expired-seconds"), o.getDuration("reservation-timeout"),
            o.getDuration("revive-min-interval"), o.getDuration("accept-linger"), o.getDuration("accept-linger-max")),
        new Pods(p.getDuration("retry-min"), p.getDuration("retry-max"), p.getDuration("restart-min"),
            p.getDuration("restart-max"), p.getDuration("launch-timeout"), p.getDuration("kill-grace"),
            p.getString("namespace")),
        new Mesos(m.getDuration("backoff-min"), m.getDuration("backoff-max"),
            m.getDuration("supervisor-backoff-min"), m.getDuration("supervisor-backoff-max"),
            Encoding.ofConfig(m.getString("encoding")), callsInFlight(m.getInt("calls-in-flight"), root), m.getDuration("call-retry-min"),
            m.getDuration("call-retry-max")),
        c.getString("store"),
        new Recovery(c.getInt("persistence.snapshot-every"), c.getInt("persistence.keep-snapshots"),
            c.getDuration("reconciliation.backoff-min"), c.getDuration("reconciliation.backoff-max"),
            c.getDuration("reconciliation.interval")),
        new Api(atLeastZero(c, "api.max-mutating-requests-inflight")));
  }

  private static int atLeastZero(Config c, String key) {
    int n = c.getInt(key);
    if (n < 0) {
      throw new IllegalArgumentException("k8sm.framework." + key + " must be 0 (no limit) or more, got " + n);
    }
    return n;
  }

  /** The sender's limit must fit the client's request pool, or calls would fail for want of room. */
  private static int callsInFlight(int n, Config root) {
    int pool = root.getInt("k8sm.protocol.max-pending-calls");
    if (n < 1 || n > pool) {
      throw new IllegalArgumentException("k8sm.framework.mesos.calls-in-flight must be between 1 and"
          + " k8sm.protocol.max-pending-calls (" + pool + "), got " + n);
    }
    return n;
  }

  /** True when no master is configured: the scheduler starts mesos-local in-process. */
  public boolean localMode() {
    return masters.isEmpty();
  }

  /** The role offers are taken in: the first configured role. */
  public String role() {
    return roles.isEmpty() ? "*" : roles.get(0);
  }

  private static long millis(double value) {
    return Math.round(value * 1000);
  }

  private static String executorPath(String configured) {
    if (!configured.isEmpty()) {
      return configured;
    }
    String home = System.getenv().getOrDefault("K8SM_HOME", System.getProperty("user.dir"));
    return Path.of(home, "bin", "kubernetes-executor").toAbsolutePath().toString();
  }
}
