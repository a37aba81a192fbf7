package io.k8sm.protocol.client;

import java.net.URI;
import java.time.Duration;

/** The pure parts of finding the leader: where a redirect points and how long to back off. */
final class SubscribePolicy {
  private SubscribePolicy() {}

  /**
   * Resolves a {@code Location} against the URI that was asked. Mesos sends a protocol-relative
   * {@code //host:port/path}; a target without a path keeps the original one, because a master
   * always redirects to the same endpoint on the leader.
   */
  static URI redirectTarget(URI requested, String location) {
    URI target;
    try {
      target = requested.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unusable Location '" + location + "': " + e.getMessage(), e);
    }
    if (target.getHost() == null) {
      throw new IllegalArgumentException("Location '" + location + "' names no host");
    }
    if (target.getRawPath() == null || target.getRawPath().isEmpty()) {
      target = target.resolve(requested.getRawPath());
    }
    return target;
  }

  /** The wait before retry number {@code retry} (1-based): min, 2×min, 4×min ... capped at max. */
  static Duration backoff(Duration min, Duration max, int retry) {
    Duration d = min;
    for (int i = 1; i < retry && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
