package io.k8sm.framework.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scheduler as a real separate process ({@code io.k8sm.framework.Main}, what
 * bin/kubernetes-mesos runs) on this test's class path, its output in a log file. {@link #kill9}
 * sends SIGKILL: no shutdown hook runs, as after a crash.
 */
public final class FrameworkProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int port;

  private FrameworkProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts it with {@code args} and {@code -D} overrides; returns once the API answers. */
  public static FrameworkProcess start(Path log, List<String> sysProps, List<String> args) throws Exception {
    int port = freePort();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true"));
    cmd.addAll(sysProps);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.k8sm.framework.Main", "--port",
        String.valueOf(port)));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    FrameworkProcess f = new FrameworkProcess(p, log, port);
    f.awaitApi(Duration.ofSeconds(60));
    return f;
  }

  /** Runs it to its exit (bounded): the exit code and everything it printed. */
  public static Map.Entry<Integer, String> runToExit(Path log, List<String> args, Duration limit) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true", "-cp", System.getProperty("java.class.path"),
        "io.k8sm.framework.Main", "--port", String.valueOf(freePort())));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("the scheduler did not exit within " + limit + ":\n" + Files.readString(log));
    }
    return Map.entry(p.exitValue(), Files.readString(log));
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Process process() {
    return process;
  }

  private void awaitApi(Duration timeout) throws Exception {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        throw new AssertionError("the scheduler exited with " + process.exitValue() + ":\n" + tail());
      }
      if (Files.readString(log).contains("API at " + apiUrl())) return;
      Thread.sleep(100);
    }
    throw new AssertionError("the scheduler's API did not come up within " + timeout + ":\n" + tail());
  }

  public String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  public void kill9() throws InterruptedException {
    process.destroyForcibly(); // SIGKILL on Linux
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill9();
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
