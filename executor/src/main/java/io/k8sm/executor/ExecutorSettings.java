package io.k8sm.executor;

import com.typesafe.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The {@code k8sm.executor} section of application.conf, read once at start-up. Every knob is
 * documented where it is defined; this class only gives them types.
 */
public record ExecutorSettings(
    String dockerHost,
    String infraImage,
    String hostIp,
    Duration defaultGracePeriod,
    Backoff restartBackoff,
    Duration restartResetAfter,
    Backoff pullBackoff,
    Duration adoptionWindow,
    Duration defaultProbeTimeout,
    String logsInterface,
    int logsPort,
    String logsAdvertisedHost) {

  /** Config path of the dispatcher every docker-java call runs on. */
  public static final String DOCKER_DISPATCHER = "k8sm.executor.docker-dispatcher";

  /** An exponential backoff: {@code base}, doubled per step, capped at {@code max}. */
  public record Backoff(Duration base, Duration max) {
    /** Delay before attempt number {@code step + 1} (step 0 is the first retry). */
    public Duration delay(int step) {
      long millis = base.toMillis();
      for (int i = 0; i < step && millis < max.toMillis(); i++) {
        millis *= 2;
      }
      return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
  }

  public static ExecutorSettings fromConfig(Config root) {
    Config c = root.getConfig("k8sm.executor");
    return new ExecutorSettings(
        c.getString("docker-host"),
        c.getString("infra-image"),
        c.getString("host-ip"),
        c.getDuration("default-grace-period"),
        new Backoff(c.getDuration("restart-backoff.base"), c.getDuration("restart-backoff.max")),
        c.getDuration("restart-backoff.reset-after"),
        new Backoff(c.getDuration("image-pull-backoff.base"), c.getDuration("image-pull-backoff.max")),
        c.getDuration("adoption-window"),
        c.getDuration("default-probe-timeout"),
        c.getString("logs.interface"),
        c.getInt("logs.port"),
        c.getString("logs.advertised-host"));
  }

  /** The host name other processes use to reach the log endpoint. */
  public String logsHostForReports() {
    if (!logsAdvertisedHost.isBlank()) {
      return logsAdvertisedHost;
    }
    if (!"0.0.0.0".equals(logsInterface)) {
      return logsInterface;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
