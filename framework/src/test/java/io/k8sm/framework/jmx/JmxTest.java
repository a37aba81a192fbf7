package io.k8sm.framework.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.k8sm.framework.mesos.BridgeSnapshot;
import io.k8sm.framework.offers.OfferPoolSnapshot;
import io.k8sm.framework.pods.PodPhase;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.framework.testing.Pods;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import org.junit.jupiter.api.Test;

/** The MBeans read by a real JMX client through the loopback RMI connector. */
class JmxTest {

  @Test
  void operatorsReadPodPoolAndBridgeStateOverRmi() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Jmx jmx = new Jmx(ManagementFactory.getPlatformMBeanServer());
    try (JmxConnector connector = JmxConnector.start(port, ManagementFactory.getPlatformMBeanServer());
         JMXConnector client = JMXConnectorFactory.connect(connector.url())) {
      MBeanServerConnection c = client.getMBeanServerConnection();
      jmx.podChanged(new PodRecord(Pods.spec("web", 100, 31080), new PodRecord.Status(PodPhase.RUNNING,
          "default.web.1", "agent-1", "node-1", List.of(31080), 2, "running on node-1", Optional.empty()), 7));
      jmx.offerPool(new OfferPoolSnapshot(3, 1, Map.of("default/big", "needs 9 cpus"), 4, 5, 6, false));
      jmx.bridge(new BridgeSnapshot(true, "http://127.0.0.1:5050", "fw-1", "s-1", Optional.of(Instant.now()), 11, 1));

      var pod = Jmx.podName("default/web");
      assertEquals("RUNNING", c.getAttribute(pod, "Phase"));
      assertEquals("default.web.1", c.getAttribute(pod, "TaskId"));
      assertEquals("agent-1", c.getAttribute(pod, "Agent"));
      assertEquals("31080", c.getAttribute(pod, "HostPorts"));
      assertEquals(2, c.getAttribute(pod, "Restarts"));
      assertEquals("running on node-1", c.getAttribute(pod, "LastStatusMessage"));
      assertEquals(7L, c.getAttribute(pod, "ResourceVersion"));
      // Described as the MXBean it is read as: jconsole and typed proxies see the same attributes.
      assertEquals("true", c.getMBeanInfo(pod).getDescriptor().getFieldValue("mxbean"));
      PodMXBean proxy = JMX.newMXBeanProxy(c, pod, PodMXBean.class);
      assertEquals("node-1", proxy.getHost());
      assertEquals(2, proxy.getRestarts());

      var pool = Jmx.name("type=OfferPool");
      assertEquals(3, c.getAttribute(pool, "OffersHeld"));
      assertArrayEquals(new String[] {"default/big: needs 9 cpus"}, (String[]) c.getAttribute(pool, "WaitingPods"));
      assertEquals(5L, c.getAttribute(pool, "Declines"));
      assertEquals(6L, c.getAttribute(pool, "Rescinds"));

      var bridge = Jmx.name("type=MesosBridge");
      assertEquals(true, c.getAttribute(bridge, "Connected"));
      assertEquals("fw-1", c.getAttribute(bridge, "FrameworkId"));
      assertEquals(11L, c.getAttribute(bridge, "UpdatesAcknowledged"));
      assertEquals(0L, c.getAttribute(bridge, "SecondsSinceLastHeartbeat"));

      jmx.podRemoved("default/web");
      assertFalse(c.isRegistered(pod));
    } finally {
      jmx.close();
    }
  }
}
