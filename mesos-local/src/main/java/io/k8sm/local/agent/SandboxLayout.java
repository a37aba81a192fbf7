package io.k8sm.local.agent;

import java.nio.file.Path;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;

/**
 * Where an executor run lives on disk, laid out as the Mesos agent does:
 * {@code <work dir>/slaves/<agent>/frameworks/<framework>/executors/<executor>/runs/<container>}.
 * The executor's working directory, MESOS_DIRECTORY and MESOS_SANDBOX all point there, and its
 * {@code stdout} and {@code stderr} files sit inside. Ids become path components, so one that could
 * escape the layout ({@code /}, {@code ..}) is refused with a reason.
 */
final class SandboxLayout {
  static final String STDOUT = "stdout";
  static final String STDERR = "stderr";

  private SandboxLayout() {}

  static Path runDirectory(Path workDir, AgentID agent, FrameworkID framework, ExecutorID executor,
      ContainerID container) {
    return workDir
        .resolve("slaves").resolve(component("agent", agent.getValue()))
        .resolve("frameworks").resolve(component("framework", framework.getValue()))
        .resolve("executors").resolve(component("executor", executor.getValue()))
        .resolve("runs").resolve(component("container", container.getValue()));
  }

  private static String component(String what, String id) {
    if (id.isEmpty() || id.equals(".") || id.equals("..") || id.indexOf('/') >= 0
        || id.indexOf('\\') >= 0 || id.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          what + " id '" + id + "' cannot name a sandbox directory (empty, '.', '..' or contains a slash)");
    }
    return id;
  }
}
