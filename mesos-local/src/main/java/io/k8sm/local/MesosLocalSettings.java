package io.k8sm.local;

import com.typesafe.config.Config;
import io.k8sm.local.agent.AgentFactory;
import io.k8sm.local.agent.RealAgentSettings;
import io.k8sm.local.master.Leadership;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * How to run mesos-local: where the master listens, its timings, the simulated agents, and extra
 * agents (such as the real agent) started through their {@link AgentFactory}. {@link #fromConfig}
 * reads the {@code k8sm.local} section of application.conf; the builder overrides single knobs.
 *
 * @param port master port, 0 for an ephemeral one
 * @param workDir where agents keep sandboxes; given to every real agent
 * @param realAgents real agents to start (each serves the executor API and runs executor processes)
 * @param leadership LEADER normally; STANDBY (307 to {@code redirectTo}) or NO_LEADER (503) to test clients
 * @param failoverTimersAfterRestart whether a master restart keeping state starts failover timers
 *     (Mesos does not: MESOS-4659; see {@code MasterRestart})
 * @param callTimeout how long the scheduler endpoint waits for a call's body and for the master's answer
 */
public record MesosLocalSettings(
    int port,
    String bindAddress,
    String hostname,
    Duration heartbeatInterval,
    Duration allocationInterval,
    Duration updateRetryBackoff,
    Duration updateRetryBackoffMax,
    int simulatedAgents,
    List<Resource> simulatedAgentResources,
    Duration simulatedTaskStartDelay,
    long seed,
    Path workDir,
    List<RealAgentSettings> realAgents,
    List<AgentFactory> extraAgents,
    Leadership leadership,
    boolean failoverTimersAfterRestart,
    Duration callTimeout) {

  public MesosLocalSettings {
    simulatedAgentResources = List.copyOf(simulatedAgentResources);
    extraAgents = List.copyOf(extraAgents);
    realAgents = List.copyOf(realAgents);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within 0-65535, got " + port);
    }
    if (simulatedAgents < 0) {
      throw new IllegalArgumentException("simulated agent count must not be negative, got " + simulatedAgents);
    }
    for (Duration d : List.of(heartbeatInterval, allocationInterval, updateRetryBackoff, updateRetryBackoffMax,
        callTimeout)) {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("intervals must be positive, got " + d);
      }
    }
  }

  /** Reads {@code k8sm.local} of {@code config} (the whole application config). */
  public static MesosLocalSettings fromConfig(Config config) {
    Config c = config.getConfig("k8sm.local");
    Config sim = c.getConfig("simulated-agent");
    String mode = c.getString("leadership").trim().toUpperCase().replace('-', '_');
    Path workDir = c.getString("agent.work-dir").isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "mesos-local") : Path.of(c.getString("agent.work-dir"));
    return new MesosLocalSettings(
        c.getInt("port"),
        c.getString("bind-address"),
        c.getString("hostname"),
        c.getDuration("heartbeat-interval"),
        c.getDuration("allocation-interval"),
        c.getDuration("update-retry-backoff"),
        c.getDuration("update-retry-backoff-max"),
        c.getInt("simulated-agents"),
        simulatedResources(sim.getDouble("cpus"), sim.getDouble("mem"), sim.getDouble("disk"),
            sim.getLong("ports-begin"), sim.getLong("ports-end")),
        sim.getDuration("task-start-delay"),
        c.getLong("seed"),
        workDir,
        c.getBoolean("real-agent") ? List.of(RealAgentSettings.fromConfig(config)) : List.of(),
        List.of(),
        new Leadership(Leadership.Mode.valueOf(mode), c.getString("redirect-to")),
        c.getBoolean("failover-timers-after-restart"),
        c.getDuration("call-timeout"));
  }

  /** cpus, mem (MB), disk (MB) and one port range, unreserved ("*"). */
  public static List<Resource> simulatedResources(double cpus, double mem, double disk, long portsBegin,
      long portsEnd) {
    List<Resource> out = new ArrayList<>();
    out.add(scalar("cpus", cpus));
    out.add(scalar("mem", mem));
    out.add(scalar("disk", disk));
    if (portsEnd >= portsBegin) {
      out.add(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRole("*")
          .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(portsBegin).setEnd(portsEnd)))
          .build());
    }
    return out;
  }

  private static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR).setRole("*")
        .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Copies settings and changes single knobs. */
  public static final class Builder {
    private int port;
    private String bindAddress;
    private String hostname;
    private Duration heartbeatInterval;
    private Duration allocationInterval;
    private Duration updateRetryBackoff;
    private Duration updateRetryBackoffMax;
    private int simulatedAgents;
    private List<Resource> simulatedAgentResources;
    private Duration simulatedTaskStartDelay;
    private long seed;
    private Path workDir;
    private List<RealAgentSettings> realAgents;
    private final List<AgentFactory> extraAgents = new ArrayList<>();
    private Leadership leadership;
    private boolean failoverTimersAfterRestart;
    private Duration callTimeout;

    private Builder(MesosLocalSettings s) {
      port = s.port;
      bindAddress = s.bindAddress;
      hostname = s.hostname;
      heartbeatInterval = s.heartbeatInterval;
      allocationInterval = s.allocationInterval;
      updateRetryBackoff = s.updateRetryBackoff;
      updateRetryBackoffMax = s.updateRetryBackoffMax;
      simulatedAgents = s.simulatedAgents;
      simulatedAgentResources = s.simulatedAgentResources;
      simulatedTaskStartDelay = s.simulatedTaskStartDelay;
      seed = s.seed;
      workDir = s.workDir;
      realAgents = s.realAgents;
      extraAgents.addAll(s.extraAgents);
      leadership = s.leadership;
      failoverTimersAfterRestart = s.failoverTimersAfterRestart;
      callTimeout = s.callTimeout;
    }

    public Builder port(int v) { port = v; return this; }

    public Builder bindAddress(String v) { bindAddress = v; return this; }

    public Builder hostname(String v) { hostname = v; return this; }

    public Builder heartbeatInterval(Duration v) { heartbeatInterval = v; return this; }

    public Builder allocationInterval(Duration v) { allocationInterval = v; return this; }

    public Builder updateRetryBackoff(Duration v) { updateRetryBackoff = v; return this; }

    public Builder updateRetryBackoffMax(Duration v) { updateRetryBackoffMax = v; return this; }

    public Builder simulatedAgents(int v) { simulatedAgents = v; return this; }

    public Builder simulatedAgentResources(List<Resource> v) { simulatedAgentResources = v; return this; }

    public Builder simulatedTaskStartDelay(Duration v) { simulatedTaskStartDelay = v; return this; }

    public Builder seed(long v) { seed = v; return this; }

    public Builder workDir(Path v) { workDir = v; return this; }

    public Builder realAgents(List<RealAgentSettings> v) { realAgents = v; return this; }

    /** Sets the resources of every real agent (bin/mesos-local --resources). */
    public Builder realAgentResources(List<Resource> v) {
      realAgents = realAgents.stream().map(a -> a.toBuilder().resources(v).build()).toList();
      return this;
    }

    public Builder addExtraAgent(AgentFactory v) { extraAgents.add(v); return this; }

    public Builder leadership(Leadership v) { leadership = v; return this; }

    public Builder failoverTimersAfterRestart(boolean v) { failoverTimersAfterRestart = v; return this; }

    public Builder callTimeout(Duration v) { callTimeout = v; return this; }

    public MesosLocalSettings build() {
      return new MesosLocalSettings(port, bindAddress, hostname, heartbeatInterval, allocationInterval,
          updateRetryBackoff, updateRetryBackoffMax, simulatedAgents, simulatedAgentResources,
          simulatedTaskStartDelay, seed, workDir, realAgents, extraAgents, leadership,
          failoverTimersAfterRestart, callTimeout);
    }
  }
}
