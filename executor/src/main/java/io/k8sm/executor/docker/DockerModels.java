package io.k8sm.executor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Translations between our records and docker-java's models: a {@link ContainerPlan} becomes a
 * create command (always with {@code --init}, so that stop signals reach the app even when it runs
 * as PID 1), and inspect/list answers become {@link ContainerSnapshot}s.
 */
final class DockerModels {
  private DockerModels() {}

  static CreateContainerCmd toCommand(DockerClient client, ContainerPlan plan) {
    HostConfig host = HostConfig.newHostConfig().withInit(true);
    if (plan.networkMode() != null) {
      host.withNetworkMode(plan.networkMode());
    }
    if (plan.memoryBytes() > 0) {
      host.withMemory(plan.memoryBytes());
    }
    if (plan.cpuShares() > 0) {
      host.withCpuShares(plan.cpuShares());
    }
    Ports bindings = new Ports();
    List<ExposedPort> exposed = plan.ports().stream().map(p -> {
      ExposedPort port = p.udp() ? ExposedPort.udp(p.containerPort()) : ExposedPort.tcp(p.containerPort());
      bindings.bind(port, Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()));
      return port;
    }).toList();
    if (!exposed.isEmpty()) {
      host.withPortBindings(bindings);
    }
    CreateContainerCmd cmd = client.createContainerCmd(plan.image()).withName(plan.name())
        .withLabels(plan.labels()).withEnv(plan.env()).withHostConfig(host);
    if (!exposed.isEmpty()) {
      cmd.withExposedPorts(exposed);
    }
    if (!plan.entrypoint().isEmpty()) {
      cmd.withEntrypoint(plan.entrypoint());
    }
    if (!plan.cmd().isEmpty()) {
      cmd.withCmd(plan.cmd());
    }
    if (plan.workingDir() != null && !plan.workingDir().isEmpty()) {
      cmd.withWorkingDir(plan.workingDir());
    }
    return cmd;
  }

  static ContainerSnapshot snapshot(InspectContainerResponse r) {
    var s = r.getState();
    Long exit = s.getExitCodeLong();
    return new ContainerSnapshot(r.getId(), trimSlash(r.getName()),
        r.getConfig() == null || r.getConfig().getLabels() == null ? Map.of() : r.getConfig().getLabels(),
        Boolean.TRUE.equals(s.getRunning()), exit == null ? 0 : exit.intValue(),
        Boolean.TRUE.equals(s.getOOMKilled()), millis(s.getStartedAt()), millis(s.getFinishedAt()));
  }

  static ContainerSnapshot snapshot(Container c) {
    String name = c.getNames() == null || c.getNames().length == 0 ? "" : trimSlash(c.getNames()[0]);
    return new ContainerSnapshot(c.getId(), name, c.getLabels() == null ? Map.of() : c.getLabels(),
        "running".equals(c.getState()), 0, false, 0, 0);
  }

  private static String trimSlash(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : String.valueOf(name);
  }

  /** Docker's RFC 3339 times; its zero time (year 1) and anything unparsable become 0. */
  static long millis(String time) {
    if (time == null || time.isEmpty()) {
      return 0;
    }
    try {
      return Math.max(0, Instant.parse(time).toEpochMilli());
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
