package io.k8sm.framework.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * v1beta1 Container. {@code cpu} is in millicores and {@code memory} in bytes; either may be absent
 * (the scheduler's defaults apply).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Container(
    String name,
    String image,
    List<String> command,
    String workingDir,
    List<EnvVar> env,
    List<Port> ports,
    Long cpu,
    Long memory,
    LivenessProbe livenessProbe) {

  public Container {
    command = Lists.exact(command);
    env = Lists.exact(env);
    ports = Lists.exact(ports);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record EnvVar(String name, String value) {}

  /** {@code hostPort} absent or 0 means the container port is not published on the host. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Port(String name, Integer hostPort, Integer containerPort, String protocol) {}

  /**
   * The seed's liveness probe. {@code port} is a string there ("8080"): a number (a host port of
   * this container, as in the seed, or a container port) or the name of a port.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LivenessProbe(Boolean enabled, String type, HttpGet httpGet, TcpSocket tcpSocket,
      Exec exec, Integer initialDelaySeconds, Integer timeoutSeconds, Integer periodSeconds) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HttpGet(String path, String port, String host) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TcpSocket(String port) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Exec(List<String> command) {
    public Exec {
      command = Lists.exact(command);
    }
  }
}
