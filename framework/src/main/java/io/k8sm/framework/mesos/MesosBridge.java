package io.k8sm.framework.mesos;

/** Placeholder; the subscription actor lands with the protocol client. */
public final class MesosBridge {
  private MesosBridge() {}

  public interface Command {}
}
