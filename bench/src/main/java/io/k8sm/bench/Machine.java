package io.k8sm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts about the run and the processes: the results stamp, and heap use read with jcmd. */
public final class Machine {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private Machine() {}

  public static Map<String, Object> stamp(Options o, int agents, Instant started) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("started", started.toString());
    s.put("commit", run(o.home(), List.of("git", "rev-parse", "--short", "HEAD")).trim()
        + (run(o.home(), List.of("git", "status", "--porcelain", "--untracked-files=no")).isBlank() ? "" : "-dirty"));
    s.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    s.put("cores", Runtime.getRuntime().availableProcessors());
    s.put("agents", agents);
    s.put("seed", o.seed());
    s.put("journal", "h2"); // the framework runs on its default store, an H2 file under the run directory
    // The machine is shared: the load when the run started says how much of it was ours.
    s.put("loadavg_at_start", run(o.home(), List.of("cat", "/proc/loadavg")).trim());
    s.put("framework_java_opts", o.frameworkJavaOpts());
    return s;
  }

  /** Full GC in the target JVM, then its used heap in bytes (G1's "used" after the collection). */
  public static long heapAfterFullGc(long pid) {
    run(Path.of("."), List.of("jcmd", Long.toString(pid), "GC.run"));
    String info = run(Path.of("."), List.of("jcmd", Long.toString(pid), "GC.heap_info"));
    Matcher m = USED.matcher(info);
    if (!m.find()) throw new IllegalStateException("cannot read heap use from jcmd: " + info);
    return Long.parseLong(m.group(1)) * 1024;
  }

  static String run(Path dir, List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
