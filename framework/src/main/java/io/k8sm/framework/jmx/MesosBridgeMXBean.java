package io.k8sm.framework.jmx;

/** The Mesos subscription: {@code io.k8sm:type=MesosBridge}. */
public interface MesosBridgeMXBean {
  boolean isConnected();

  String getMaster();

  String getFrameworkId();

  String getStreamId();

  /** Seconds since the last event (a HEARTBEAT at least every 15 s on Mesos); -1 before the first. */
  long getSecondsSinceLastHeartbeat();

  long getUpdatesAcknowledged();
}
