package io.k8sm.framework.jmx;

import io.k8sm.framework.store.PodRecord;
import java.util.stream.Collectors;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.ReflectionException;
import javax.management.StandardMBean;

/**
 * One pod's MBean, {@code io.k8sm:type=Pod,namespace=..,name=..}: the latest record its pod actor
 * published (a volatile reference, written by one actor, read by JMX threads). A dynamic MBean that
 * answers exactly as the {@link PodMXBean} it implements would (the same MBeanInfo, computed once,
 * and the same attribute values), because the platform server's MXBean machinery costs every
 * registered pod about a hundred bytes more.
 */
final class PodBean implements PodMXBean, DynamicMBean {
  private static final MBeanInfo INFO = mxbeanInfo();

  volatile PodRecord record;

  PodBean(PodRecord record) {
    this.record = record;
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    return INFO;
  }

  @Override
  public Object getAttribute(String attribute) throws AttributeNotFoundException {
    return switch (attribute) {
      case "Phase" -> getPhase();
      case "TaskId" -> getTaskId();
      case "Agent" -> getAgent();
      case "Host" -> getHost();
      case "HostPorts" -> getHostPorts();
      case "Restarts" -> getRestarts();
      case "LastStatusMessage" -> getLastStatusMessage();
      case "ResourceVersion" -> getResourceVersion();
      default -> throw new AttributeNotFoundException("no attribute " + attribute + " on a pod");
    };
  }

  @Override
  public AttributeList getAttributes(String[] attributes) {
    AttributeList out = new AttributeList();
    for (String a : attributes) {
      try {
        out.add(new Attribute(a, getAttribute(a)));
      } catch (AttributeNotFoundException e) {
        // left out, as the MXBean machinery does
      }
    }
    return out;
  }

  @Override
  public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
    throw new AttributeNotFoundException("pod attributes are read-only: " + attribute.getName());
  }

  @Override
  public AttributeList setAttributes(AttributeList attributes) {
    return new AttributeList();
  }

  @Override
  public Object invoke(String action, Object[] params, String[] signature) throws ReflectionException {
    throw new ReflectionException(new NoSuchMethodException(action), "a pod MBean has no operations");
  }

  public String getPhase() {
    return record.status().phase().name();
  }

  public String getTaskId() {
    return record.status().taskId();
  }

  public String getAgent() {
    return record.status().agentId();
  }

  public String getHost() {
    return record.status().host();
  }

  public String getHostPorts() {
    return record.status().hostPorts().stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  public int getRestarts() {
    return record.status().restarts();
  }

  public String getLastStatusMessage() {
    return record.status().message();
  }

  public long getResourceVersion() {
    return record.resourceVersion();
  }

  /** The description every pod MBean answers with (its first call builds it). */
  static MBeanInfo describe() {
    return INFO;
  }

  /** What the platform server would describe for a {@link PodMXBean}: open types, {@code mxbean=true}. */
  private static MBeanInfo mxbeanInfo() {
    return new StandardMBean(new PodBean(null), PodMXBean.class, true).getMBeanInfo();
  }
}
