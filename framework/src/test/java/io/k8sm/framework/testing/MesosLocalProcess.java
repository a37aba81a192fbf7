package io.k8sm.framework.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8sm.framework.api.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mesos-local as its own OS process: {@code io.k8sm.local.Main}, what bin/mesos-local runs, on this
 * test's class path (the reactor's mesos-local module), listening on a free loopback port it picks
 * itself ({@code --port 0}) and announces on stdout. Its agent's executors are its children.
 *
 * <p>{@link #close} always leaves nothing running: SIGTERM first (executors get SHUTDOWN and remove
 * their containers), then SIGKILL for it and every descendant still alive. A JVM shutdown hook does
 * the same if the test JVM exits first.
 */
public final class MesosLocalProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("mesos-local master listening on (http://\\S+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final Path log;
  private final Thread hook;
  private String url;

  private MesosLocalProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.hook = new Thread(() -> killTree(process), "mesos-local-reaper");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts it with {@code args} (bin/mesos-local flags; --port is 0); returns once it listens. */
  public static MesosLocalProcess start(Path log, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true", "-cp", System.getProperty("java.class.path"),
        "io.k8sm.local.Main", "--port", "0"));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    MesosLocalProcess m = new MesosLocalProcess(p, log);
    try {
      m.awaitListening(Duration.ofSeconds(60));
    } catch (Exception | AssertionError e) {
      m.close();
      throw e;
    }
    return m;
  }

  public String masterUrl() {
    return url;
  }

  /** GET {@code /master/tasks} with {@code query}, as JSON. */
  public JsonNode tasks(String query) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/master/tasks?" + query))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("/master/tasks answered " + r.statusCode() + ": " + r.body());
      }
      return Json.MAPPER.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("GET /master/tasks failed: " + e, e);
    }
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (Exception e) {
      return "(no log: " + e + ")";
    }
  }

  private void awaitListening(Duration timeout) throws Exception {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      Matcher m = LISTENING.matcher(Files.readString(log));
      if (m.find()) {
        url = m.group(1);
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("mesos-local exited with " + process.exitValue() + ":\n" + tail());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("mesos-local did not listen within " + timeout + ":\n" + tail());
  }

  @Override
  public void close() {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy(); // SIGTERM: the shutdown hook stops agents, executors get SHUTDOWN
    try {
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    killTree(process);
    tree.forEach(ProcessHandle::destroyForcibly);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is exiting; the hook runs anyway
    }
  }

  private static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
