package io.k8sm.framework;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.cli.FlagParser;
import io.k8sm.framework.cli.ParsedArgs;
import java.util.HashMap;
import java.util.Map;

/**
 * Entry point of {@code bin/kubernetes-mesos}: parses the flags (bad ones: message, exit 2),
 * merges them over {@code application.conf}, and starts the actor tree.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    ParsedArgs parsed = FlagParser.parse(args);
    if (parsed instanceof ParsedArgs.Help) {
      System.out.print(FlagParser.usage());
      return;
    }
    if (parsed instanceof ParsedArgs.Invalid invalid) {
      System.err.println("kubernetes-mesos: " + invalid.message());
      System.exit(2);
      return;
    }
    Config config = withOverrides(((ParsedArgs.Run) parsed).overrides(), ConfigFactory.load());
    Scheduler.start(config);
  }

  /** Places flag values under {@code k8sm.framework} in front of the loaded configuration. */
  public static Config withOverrides(Map<String, Object> overrides, Config base) {
    Map<String, Object> paths = new HashMap<>();
    overrides.forEach((key, value) -> paths.put("k8sm.framework." + key, value));
    return ConfigFactory.parseMap(paths, "command line").withFallback(base).resolve();
  }
}
