package io.k8sm.framework.jmx;

/** One pod, as operators see it in jconsole: {@code io.k8sm:type=Pod,namespace=..,name=..}. */
public interface PodMXBean {
  String getPhase();

  String getTaskId();

  String getAgent();

  String getHost();

  String getHostPorts();

  int getRestarts();

  String getLastStatusMessage();

  long getResourceVersion();
}
