package io.k8sm.framework.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the scheduler's command line. Pure: no I/O, no exit; {@code Main} acts on the result.
 *
 * <p>Accepts an optional leading {@code start} (the seed runs the binary without it), and each
 * flag as {@code --flag value}, {@code --flag=value}, {@code -flag value} or {@code -flag=value}
 * (the seed's spelling). Values are checked here so that a typo is reported before anything
 * starts; the result maps {@code k8sm.framework} configuration keys to values.
 */
public final class FlagParser {
  private FlagParser() {}

  public static ParsedArgs parse(String... args) {
    List<String> rest = Arrays.asList(args);
    if (!rest.isEmpty() && rest.get(0).equals("start")) {
      rest = rest.subList(1, rest.size());
    }
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
        return new ParsedArgs.Invalid("unexpected argument '" + arg + "' (the only command is 'start')");
      }
      String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      if (name.equals("help") || name.equals("h")) {
        return new ParsedArgs.Help();
      }
      Optional<Flag> flag = Flag.ALL.stream().filter(f -> f.name().equals(name.replace('-', '_'))).findFirst();
      if (flag.isEmpty()) {
        return new ParsedArgs.Invalid("unknown flag '" + arg + "' (see --help)");
      }
      String value;
      if (eq >= 0) {
        value = body.substring(eq + 1);
      } else if (i + 1 < rest.size()) {
        value = rest.get(++i);
      } else {
        return new ParsedArgs.Invalid("flag --" + name + " needs a value (" + flag.get().valueHint() + ")");
      }
      try {
        overrides.put(flag.get().configKey(), convert(flag.get(), value));
      } catch (IllegalArgumentException e) {
        return new ParsedArgs.Invalid("--" + name + "=" + value + ": " + e.getMessage());
      }
    }
    return new ParsedArgs.Run(overrides);
  }

  static Object convert(Flag flag, String value) {
    return switch (flag.kind()) {
      case TEXT -> value.trim();
      case LIST -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      case PORT -> port(value);
      case DURATION -> duration(value).getSeconds() + "s";
      case COUNT -> count(value);
    };
  }

  private static int port(String value) {
    return whole(value, 1, 65535, "not a port number", "a port must lie in 1..65535");
  }

  private static int count(String value) {
    return whole(value, 0, Integer.MAX_VALUE, "not a whole number", "must be 0 or more");
  }

  private static int whole(String value, int min, int max, String notANumber, String outOfRange) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(notANumber);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(outOfRange);
    }
    return n;
  }

  /** A plain number means seconds (the seed's unit); otherwise a HOCON duration like 12h or 7d. */
  static Duration duration(String value) {
    String v = value.trim();
    Duration d;
    if (v.matches("\\d+(\\.\\d+)?")) {
      d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
    } else {
      try {
        d = ConfigFactory.parseMap(Map.of("d", v)).getDuration("d");
      } catch (ConfigException e) {
        throw new IllegalArgumentException("not a duration (use seconds, or e.g. 90s, 12h, 7d)");
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("must be longer than zero");
    }
    return d;
  }

  /** The text {@code --help} prints: usage, then one entry per flag. */
  public static String usage() {
    StringBuilder b = new StringBuilder()
        .append("Usage: kubernetes-mesos [start] [flags]\n\n")
        .append("Schedules Kubernetes-style pods onto Apache Mesos offers and serves /api/v1beta1.\n")
        .append("Flags may be written --flag value, --flag=value or -flag=value.\n")
        .append("Defaults come from application.conf (section k8sm.framework); flags override them.\n\n");
    for (Flag f : Flag.ALL) {
      b.append(String.format("  --%s %s%n      %s%n", f.name(), f.valueHint(), f.help()));
    }
    b.append("  --help\n      Print this text and exit.\n");
    return b.toString();
  }
}
