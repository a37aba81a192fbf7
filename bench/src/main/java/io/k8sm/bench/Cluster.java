package io.k8sm.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The system under test as two real processes on 127.0.0.1: {@code bin/mesos-local} with simulated
 * agents only, and {@code bin/kubernetes-mesos} registered with it. Both are started through the
 * installation's bin scripts (which exec the JVM, so {@link Process#pid()} is the JVM's pid, usable
 * with jcmd and kill -9). Their output goes to log files in the run directory.
 *
 * <p>Invariant: {@link #close()} destroys every process this object started, and only those.
 */
public final class Cluster implements AutoCloseable {
  private final Options options;
  private final Path runDir;
  private final List<Process> started = new ArrayList<>();
  private Process mesos;
  private Process framework;
  private String masterUrl;
  private int apiPort;
  private int jmxPort;
  private int frameworkStarts;

  public Cluster(Options options, Path runDir) throws IOException {
    this.options = options;
    this.runDir = runDir;
    this.apiPort = freePort();
    this.jmxPort = freePort();
  }

  /** Starts mesos-local with {@code agents} simulated agents; returns once it listens. */
  public void startMesos(int agents, int startDelayMs) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(options.home().resolve("bin/mesos-local").toString(), "--port", "0",
        "--simulated-agents", Integer.toString(agents), "--real-agent", "false", "--seed",
        Long.toString(options.seed()), "--simulated-start-delay-ms", Integer.toString(startDelayMs),
        "--heartbeat-seconds", "15", "--work-dir", Files.createDirectories(runDir.resolve("mesos-work")).toString());
    pb.environment().put("JAVA_OPTS", "-Xmx4g");
    pb.redirectError(runDir.resolve("mesos-local.log").toFile());
    mesos = pb.start();
    started.add(mesos);
    masterUrl = awaitLine(mesos, "listening on ", Duration.ofSeconds(120));
  }

  /** Starts (or restarts, keeping ports and data dir) the framework; returns once /healthz answers. */
  public void startFramework(Api api) throws IOException, InterruptedException {
    frameworkStarts++;
    ProcessBuilder pb = new ProcessBuilder(options.home().resolve("bin/kubernetes-mesos").toString(), "start",
        "--mesos_master", masterUrl, "--port", Integer.toString(apiPort), "--address", "127.0.0.1",
        "--jmx_port", Integer.toString(jmxPort), "--data_dir", runDir.resolve("framework-data").toString());
    pb.environment().put("JAVA_OPTS", options.frameworkJavaOpts());
    pb.redirectError(runDir.resolve("framework-" + frameworkStarts + ".log").toFile());
    pb.redirectOutput(runDir.resolve("framework-" + frameworkStarts + ".out").toFile());
    framework = pb.start();
    started.add(framework);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!api.healthy()) {
      if (!framework.isAlive()) throw new IOException("the framework exited; see " + runDir);
      if (System.nanoTime() > deadline) throw new IOException("the framework did not answer /healthz in 120 s");
      Thread.sleep(50);
    }
  }

  /**
   * Waits until the current framework process's log has a line containing {@code marker}; returns
   * false after {@code timeout}. Each poll reads only what was appended since the last one (the
   * harness shares the cores with the processes it measures), keeping a line's tail for the next.
   */
  public boolean awaitFrameworkLog(String marker, Duration timeout) throws IOException, InterruptedException {
    Path log = runDir.resolve("framework-" + frameworkStarts + ".log");
    long deadline = System.nanoTime() + timeout.toNanos();
    long read = 0;
    String carry = "";
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(log)) {
          java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(ch.size() - read, 1 << 22));
          ch.position(read);
          read += ch.read(buf);
          String text = carry + new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
          if (text.contains(marker)) return true;
          carry = text.substring(Math.max(0, text.length() - marker.length()));
        }
      }
      Thread.sleep(25);
    }
    return false;
  }

  /** kill -9 of the framework JVM; waits until it is gone. */
  public void killFramework() throws InterruptedException {
    framework.destroyForcibly();
    framework.waitFor(30, TimeUnit.SECONDS);
  }

  public String apiUrl() { return "http://127.0.0.1:" + apiPort; }

  public int jmxPort() { return jmxPort; }

  public long frameworkPid() { return framework.pid(); }

  public long mesosPid() { return mesos.pid(); }

  public Path runDir() { return runDir; }

  @Override
  public void close() {
    for (Process p : started) {
      p.destroy();
    }
    for (Process p : started) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String awaitLine(Process p, String marker, Duration timeout) throws IOException {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String l; (l = r.readLine()) != null; ) {
          int at = l.indexOf(marker);
          if (at >= 0) {
            // Keep draining stdout so the process never blocks on a full pipe.
            Thread drain = new Thread(() -> drain(r), "drain-" + p.pid());
            drain.setDaemon(true);
            drain.start();
            return l.substring(at + marker.length()).trim();
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    });
    try {
      String url = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (url == null) throw new IOException("the process ended before printing '" + marker + "'");
      return url;
    } catch (Exception e) {
      throw new IOException("no '" + marker + "' within " + timeout + ": " + e.getMessage(), e);
    }
  }

  private static void drain(BufferedReader r) {
    try {
      while (r.readLine() != null) {
        // discard
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
