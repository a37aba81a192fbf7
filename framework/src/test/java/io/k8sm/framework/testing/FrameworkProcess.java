package io.k8sm.framework.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduler as a real separate process ({@code io.k8sm.framework.Main}, what
 * bin/kubernetes-mesos runs) on this test's class path, its output appended to a log file. Its API
 * listens on a free loopback port it picks itself (port 0) and announces. {@link #kill9}
 * sends SIGKILL: no shutdown hook runs, as after a crash. A JVM shutdown hook kills it if the test
 * JVM exits first.
 */
public final class FrameworkProcess implements AutoCloseable {
  private static final Pattern API = Pattern.compile("kubernetes-mesos: API at (http://\\S+?)/api/v1beta1/pods");

  private final Process process;
  private final Path log;
  private final long logStart;
  private final Thread hook;
  private String apiUrl;

  private FrameworkProcess(Process process, Path log, long logStart) {
    this.process = process;
    this.log = log;
    this.logStart = logStart;
    this.hook = new Thread(process::destroyForcibly, "scheduler-reaper");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts it with {@code args} and {@code -D} overrides; returns once the API answers. */
  public static FrameworkProcess start(Path log, List<String> sysProps, List<String> args) throws Exception {
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true"));
    cmd.addAll(sysProps);
    // --port insists on 1..65535; the configuration key takes 0 (a free port, announced on stdout)
    cmd.addAll(List.of("-Dk8sm.framework.port=0", "-cp", System.getProperty("java.class.path"),
        "io.k8sm.framework.Main"));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    FrameworkProcess f = new FrameworkProcess(p, log, logStart);
    try {
      f.awaitApi(Duration.ofSeconds(60));
    } catch (Exception | AssertionError e) {
      f.close();
      throw e;
    }
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
    return apiUrl;
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
      Matcher m = API.matcher(Files.readString(log).substring((int) logStart));
      if (m.find()) {
        apiUrl = m.group(1);
        return;
      }
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
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is exiting; the hook runs anyway
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill9();
  }

  /** A port nothing listens on right now, on the loopback interface. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
