package io.k8sm.framework;

import com.typesafe.config.Config;
import java.net.URI;

/**
 * The embedded mesos-local master the scheduler starts when no {@code --mesos_master} is given.
 */
final class LocalMaster implements AutoCloseable {
  private final URI url;

  private LocalMaster(URI url) {
    this.url = url;
  }

  static LocalMaster start(Config config) {
    throw new IllegalArgumentException("this build has no embedded mesos-local yet; pass --mesos_master HOST:PORT");
  }

  URI url() {
    return url;
  }

  @Override
  public void close() {
  }
}
