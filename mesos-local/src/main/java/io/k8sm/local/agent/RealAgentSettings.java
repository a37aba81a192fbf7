package io.k8sm.local.agent;

import com.typesafe.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Resource;

/**
 * How a {@link RealAgent} runs: where sandboxes live, where its executor API listens, what it
 * offers, and the Mesos agent flags that shape executor life (registration timeout, shutdown grace
 * period, checkpointing, recovery timeout, subscription backoff). Read from {@code k8sm.local.agent}
 * by {@link #fromConfig(Config)}; tests and the CLI adjust single values through {@link #toBuilder()}.
 *
 * <p>{@code checkpoint} is the agent half of Mesos checkpointing: an executor is checkpointed (keeps
 * running across a dropped subscription and gets MESOS_RECOVERY_TIMEOUT) only when both this flag
 * and its framework's {@code FrameworkInfo.checkpoint} are set.
 */
public record RealAgentSettings(
    Path workDir,
    String hostname,
    String bindAddress,
    int port,
    List<Resource> resources,
    Duration executorRegistrationTimeout,
    Duration executorShutdownGracePeriod,
    boolean checkpoint,
    Duration recoveryTimeout,
    Duration subscriptionBackoffMax,
    Duration executorHeartbeatInterval,
    Duration requestTimeout,
    Map<String, String> extraEnvironment) {

  public RealAgentSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("agent port " + port + " is not in 0..65535");
    }
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("an agent needs at least one resource");
    }
    resources = List.copyOf(resources);
    extraEnvironment = Map.copyOf(extraEnvironment);
  }

  /** Reads {@code k8sm.local.agent}; an empty work dir, hostname or resources take machine defaults. */
  public static RealAgentSettings fromConfig(Config root) {
    Config c = root.getConfig("k8sm.local.agent");
    Path workDir = c.getString("work-dir").isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "mesos-local")
        : Path.of(c.getString("work-dir"));
    Map<String, String> env = new LinkedHashMap<>();
    Config envConfig = c.getConfig("extra-environment");
    envConfig.root().keySet().forEach(k -> env.put(k, envConfig.getString("\"" + k + "\"")));
    return new RealAgentSettings(
        workDir,
        c.getString("hostname").isBlank() ? localHostname() : c.getString("hostname"),
        c.getString("bind-address"),
        c.getInt("port"),
        c.getString("resources").isBlank() ? ResourceSpec.defaults(workDir) : ResourceSpec.parse(c.getString("resources")),
        c.getDuration("executor-registration-timeout"),
        c.getDuration("executor-shutdown-grace-period"),
        c.getBoolean("checkpoint"),
        c.getDuration("recovery-timeout"),
        c.getDuration("subscription-backoff-max"),
        c.getDuration("executor-heartbeat-interval"),
        c.getDuration("request-timeout"),
        env);
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  static String localHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** Changes single values of a settings record; {@link #build()} validates again. */
  public static final class Builder {
    private Path workDir;
    private String hostname;
    private String bindAddress;
    private int port;
    private List<Resource> resources;
    private Duration registrationTimeout;
    private Duration shutdownGracePeriod;
    private boolean checkpoint;
    private Duration recoveryTimeout;
    private Duration subscriptionBackoffMax;
    private Duration heartbeatInterval;
    private Duration requestTimeout;
    private Map<String, String> extraEnvironment;

    private Builder(RealAgentSettings s) {
      workDir = s.workDir;
      hostname = s.hostname;
      bindAddress = s.bindAddress;
      port = s.port;
      resources = s.resources;
      registrationTimeout = s.executorRegistrationTimeout;
      shutdownGracePeriod = s.executorShutdownGracePeriod;
      checkpoint = s.checkpoint;
      recoveryTimeout = s.recoveryTimeout;
      subscriptionBackoffMax = s.subscriptionBackoffMax;
      heartbeatInterval = s.executorHeartbeatInterval;
      requestTimeout = s.requestTimeout;
      extraEnvironment = s.extraEnvironment;
    }

    public Builder workDir(Path v) { workDir = v; return this; }
    public Builder hostname(String v) { hostname = v; return this; }
    public Builder bindAddress(String v) { bindAddress = v; return this; }
    public Builder port(int v) { port = v; return this; }
    public Builder resources(List<Resource> v) { resources = v; return this; }
    public Builder executorRegistrationTimeout(Duration v) { registrationTimeout = v; return this; }
    public Builder executorShutdownGracePeriod(Duration v) { shutdownGracePeriod = v; return this; }
    public Builder checkpoint(boolean v) { checkpoint = v; return this; }
    public Builder recoveryTimeout(Duration v) { recoveryTimeout = v; return this; }
    public Builder subscriptionBackoffMax(Duration v) { subscriptionBackoffMax = v; return this; }
    public Builder executorHeartbeatInterval(Duration v) { heartbeatInterval = v; return this; }
    public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
    public Builder extraEnvironment(Map<String, String> v) { extraEnvironment = v; return this; }

    public RealAgentSettings build() {
      return new RealAgentSettings(workDir, hostname, bindAddress, port, resources, registrationTimeout,
          shutdownGracePeriod, checkpoint, recoveryTimeout, subscriptionBackoffMax, heartbeatInterval,
          requestTimeout, extraEnvironment);
    }
  }
}
