package io.k8sm.framework;

import com.typesafe.config.Config;
import io.k8sm.local.MesosLocal;
import io.k8sm.local.MesosLocalSettings;
import java.net.URI;

/**
 * The embedded mesos-local master the scheduler starts when no {@code --mesos_master} is given:
 * the {@code k8sm.local} settings (agents included), on a free loopback port so that it never
 * collides with a real master on 5050. The scheduler talks to it over HTTP like to any master.
 */
final class LocalMaster implements AutoCloseable {
  private final MesosLocal mesos;

  private LocalMaster(MesosLocal mesos) {
    this.mesos = mesos;
  }

  static LocalMaster start(Config config) {
    MesosLocalSettings settings = MesosLocalSettings.fromConfig(config).toBuilder().port(0).build();
    return new LocalMaster(MesosLocal.start(settings, config));
  }

  URI url() {
    return URI.create(mesos.masterUrl());
  }

  @Override
  public void close() {
    mesos.close();
  }
}
