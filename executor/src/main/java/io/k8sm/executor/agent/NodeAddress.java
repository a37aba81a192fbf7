package io.k8sm.executor.agent;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's IP as Kubernetes means it in a pod's {@code hostIP}: the address of the agent the pod
 * runs on, not the address host ports happen to be published on (often the wildcard 0.0.0.0).
 * A pure choice, in this order:
 *
 * <ol>
 *   <li>the host part of MESOS_AGENT_ENDPOINT, which Mesos sets to the agent's own {@code ip:port}
 *       (a host name there is resolved; a wildcard address says nothing and is skipped);
 *   <li>the publish address, when it names one interface rather than all of them;
 *   <li>this machine's own address as the JVM resolves it.
 * </ol>
 */
public final class NodeAddress {
  private NodeAddress() {}

  /** Resolves a host name to one address, empty when it cannot. */
  public interface Resolver extends Function<String, Optional<InetAddress>> {}

  /** The JVM's resolver. */
  public static final Resolver SYSTEM = name -> {
    try {
      return Optional.of(InetAddress.getByName(name));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  };

  /** The JVM's idea of this machine's address; loopback when it has none. */
  public static final Supplier<String> LOCAL_HOST = () -> {
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      return InetAddress.getLoopbackAddress().getHostAddress();
    }
  };

  public static String choose(Optional<URI> agentEndpoint, String publishIp, Resolver resolver, Supplier<String> localHost) {
    return specific(agentEndpoint.map(URI::getHost).map(NodeAddress::unbracket), resolver)
        .or(() -> specific(Optional.ofNullable(publishIp).filter(ip -> !ip.isBlank()), resolver))
        .orElseGet(localHost);
  }

  /** The address {@code host} names, unless it names none or all of them (a wildcard). */
  private static Optional<String> specific(Optional<String> host, Resolver resolver) {
    return host.flatMap(resolver).filter(a -> !a.isAnyLocalAddress()).map(InetAddress::getHostAddress);
  }

  /** URI hosts keep IPv6 literals in brackets; the resolver wants them bare. */
  private static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
