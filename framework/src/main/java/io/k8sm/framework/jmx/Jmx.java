package io.k8sm.framework.jmx;

import io.k8sm.framework.mesos.BridgeSnapshot;
import io.k8sm.framework.offers.OfferPoolSnapshot;
import io.k8sm.framework.store.PodRecord;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes actor snapshots as MBeans under the {@code io.k8sm} domain: one per pod, one for the
 * offer pool, one for the Mesos bridge. The actors call the publish methods with immutable
 * snapshots; JMX clients read the latest one.
 */
public final class Jmx {
  private static final Logger log = LoggerFactory.getLogger(Jmx.class);
  public static final String DOMAIN = "io.k8sm";

  private final MBeanServer server;
  private final Beans.Pool pool = new Beans.Pool();
  private final Beans.Bridge bridge = new Beans.Bridge();
  private final Map<String, PodBean> pods = new ConcurrentHashMap<>();

  public Jmx(MBeanServer server) {
    this.server = server;
    register(name("type=OfferPool"), pool);
    register(name("type=MesosBridge"), bridge);
    // The pod MBean's description is built once, by the JMX introspector, when its class is first
    // used; that happens here, on one thread, not in the first pod actors recovering side by side.
    PodBean.describe();
  }

  public static Jmx platform() {
    return new Jmx(ManagementFactory.getPlatformMBeanServer());
  }

  public void offerPool(OfferPoolSnapshot s) {
    pool.snapshot = s;
  }

  public void bridge(BridgeSnapshot s) {
    bridge.snapshot = s;
  }

  public void podChanged(PodRecord r) {
    PodBean bean = pods.get(r.key());
    if (bean != null) {
      bean.record = r;
    } else {
      PodBean fresh = new PodBean(r);
      pods.put(r.key(), fresh);
      register(podName(r.key()), fresh);
    }
  }

  public void podRemoved(String key) {
    if (pods.remove(key) != null) {
      unregister(podName(key));
    }
  }

  /** Unregisters everything this instance registered. */
  public void close() {
    pods.keySet().forEach(this::podRemoved);
    unregister(name("type=OfferPool"));
    unregister(name("type=MesosBridge"));
  }

  public static ObjectName podName(String key) {
    int slash = key.indexOf('/');
    return name("type=Pod,namespace=" + key.substring(0, slash) + ",name=" + key.substring(slash + 1));
  }

  public static ObjectName name(String properties) {
    try {
      return new ObjectName(DOMAIN + ":" + properties);
    } catch (JMException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private void register(ObjectName name, Object bean) {
    try {
      if (server.isRegistered(name)) server.unregisterMBean(name);
      server.registerMBean(bean, name);
    } catch (JMException e) {
      log.warn("cannot register MBean {}: {}", name, e.toString());
    }
  }

  private void unregister(ObjectName name) {
    try {
      if (server.isRegistered(name)) server.unregisterMBean(name);
    } catch (JMException e) {
      log.warn("cannot unregister MBean {}: {}", name, e.toString());
    }
  }
}
