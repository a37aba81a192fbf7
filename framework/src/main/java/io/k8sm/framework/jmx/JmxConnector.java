package io.k8sm.framework.jmx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;

/**
 * A JMX RMI connector bound to 127.0.0.1 only (registry and connection objects on one port), for
 * jconsole and other JMX clients on the same machine: {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:N/jmxrmi}.
 */
public final class JmxConnector implements AutoCloseable {
  private final JMXConnectorServer server;
  private final Registry registry;
  private final JMXServiceURL url;

  private JmxConnector(JMXConnectorServer server, Registry registry, JMXServiceURL url) {
    this.server = server;
    this.registry = registry;
    this.url = url;
  }

  public static JmxConnector start(int port, MBeanServer mbeans) throws IOException {
    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
    RMIServerSocketFactory loopback = p -> new ServerSocket(p, 50, InetAddress.getLoopbackAddress());
    Registry registry = LocateRegistry.createRegistry(port, null, loopback);
    JMXServiceURL url = new JMXServiceURL(
        "service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    Map<String, Object> env = Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, loopback);
    JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(url, env, mbeans);
    server.start();
    return new JmxConnector(server, registry, url);
  }

  public JMXServiceURL url() {
    return url;
  }

  @Override
  public void close() throws IOException {
    server.stop();
    UnicastRemoteObject.unexportObject(registry, true);
  }
}
