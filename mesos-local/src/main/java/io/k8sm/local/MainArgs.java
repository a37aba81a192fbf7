package io.k8sm.local;

import com.typesafe.config.ConfigFactory;
import io.k8sm.local.agent.RealAgentSettings;
import io.k8sm.local.agent.ResourceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The command line of bin/mesos-local, applied on top of the configured settings. Flags take their
 * value as the next argument or after '='. A bad flag is an {@link IllegalArgumentException} with a
 * message for the user.
 */
public final class MainArgs {
  public static final String USAGE = String.join("\n",
      "usage: mesos-local [--port N] [--resources SPEC] [--simulated-agents N] [--heartbeat-seconds N]",
      "                   [--work-dir DIR] [--seed N] [--real-agent BOOL] [--simulated-start-delay-ms N] [--help]",
      "",
      "Runs a single-machine Mesos-compatible master (v1 scheduler API on /api/v1/scheduler) with its agents.",
      "",
      "  --port N               master port (default 5050; 0 = any free port)",
      "  --resources SPEC       resources of the real agent, Mesos style:",
      "                         \"cpus:4;mem:8192;disk:20000;ports:[31000-32000]\" (default: measured)",
      "  --real-agent BOOL      start the real agent (default true; false = simulated agents only)",
      "  --simulated-agents N   add N in-memory agents whose tasks run no process",
      "  --simulated-start-delay-ms N  a simulated task's TASK_STARTING -> TASK_RUNNING delay (default 100)",
      "  --heartbeat-seconds N  HEARTBEAT interval on subscriptions (default 15)",
      "  --work-dir DIR         where agents keep sandboxes",
      "  --seed N               seed for simulated agents and fault injection",
      "  --help                 print this and exit");

  private static final java.util.Set<String> FLAGS = java.util.Set.of("--port", "--resources", "--simulated-agents",
      "--heartbeat-seconds", "--work-dir", "--seed", "--real-agent", "--simulated-start-delay-ms");

  /** The parsed command: settings to run with, or a request for help. */
  public record Parsed(MesosLocalSettings settings, boolean help) {}

  private MainArgs() {}

  public static Parsed parse(List<String> args, MesosLocalSettings defaults) {
    MesosLocalSettings.Builder b = defaults.toBuilder();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Parsed(defaults, true);
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (!FLAGS.contains(name)) {
        throw new IllegalArgumentException("unknown flag " + name);
      }
      String value;
      if (eq > 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      switch (name) {
        case "--port" -> b.port(intIn(name, value, 0, 65535));
        case "--resources" -> b.realAgentResources(ResourceSpec.parse(value));
        case "--simulated-agents" -> b.simulatedAgents(intIn(name, value, 0, 1_000_000));
        case "--heartbeat-seconds" -> b.heartbeatInterval(Duration.ofSeconds(intIn(name, value, 1, 86_400)));
        case "--work-dir" -> b.workDir(Path.of(value));
        case "--real-agent" -> b.realAgents(bool(name, value) ? realAgentOf(defaults) : List.of());
        case "--seed" -> b.seed(longOf(name, value));
        case "--simulated-start-delay-ms" -> b.simulatedTaskStartDelay(Duration.ofMillis(intIn(name, value, 0, 3_600_000)));
        default -> throw new IllegalArgumentException("unknown flag " + name);
      }
    }
    return new Parsed(b.build(), false);
  }

  private static List<RealAgentSettings> realAgentOf(MesosLocalSettings defaults) {
    return defaults.realAgents().isEmpty()
        ? List.of(RealAgentSettings.fromConfig(ConfigFactory.load())) : defaults.realAgents();
  }

  private static boolean bool(String flag, String value) {
    return switch (value.trim().toLowerCase()) {
      case "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default -> throw new IllegalArgumentException(flag + " needs true or false, got '" + value + "'");
    };
  }

  private static int intIn(String flag, String value, int min, int max) {
    long v = longOf(flag, value);
    if (v < min || v > max) {
      throw new IllegalArgumentException(flag + " must be within " + min + "-" + max + ", got " + value);
    }
    return (int) v;
  }

  private static long longOf(String flag, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
    }
  }
}
