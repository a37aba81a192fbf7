package io.k8sm.executor.pod;

import io.k8sm.executor.docker.DockerRuntime;
import io.k8sm.protocol.pod.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Runs one probe once. httpGet and tcpSocket reach the container through its published host port
 * when it has one; otherwise they run {@code wget}/{@code nc} inside the pod's infra container,
 * which shares the pod's network namespace and is our own busybox image. exec runs the command in
 * the app container. Every outcome carries a human-readable detail.
 */
public final class Prober {
  private final DockerRuntime docker;
  private final Executor blocking;
  private final HttpClient http;

  public Prober(DockerRuntime docker, Executor blocking) {
    this.docker = docker;
    this.blocking = blocking;
    this.http = HttpClient.newBuilder().executor(blocking).connectTimeout(Duration.ofSeconds(5)).build();
  }

  public record Outcome(boolean success, String detail) {}

  /**
   * Where a probe goes: the app and infra container ids, and the host address each published
   * container port is reachable at.
   */
  public record Target(String appId, String infraId, Map<Integer, InetSocketAddress> hostPorts) {
    public Target withApp(String id) {
      return new Target(id, infraId, hostPorts);
    }
  }

  public CompletionStage<Outcome> run(Probe probe, Target target, Duration timeout) {
    return switch (probe.getActionCase()) {
      case HTTP_GET -> httpGet(probe, target, timeout);
      case TCP_SOCKET -> tcp(probe.getTcpSocket().getPort(), target, timeout);
      case EXEC -> execIn(target.appId(), probe.getExec().getCommandList(), timeout, "exec");
      case ACTION_NOT_SET -> CompletableFuture.completedFuture(new Outcome(true, "probe has no action"));
    };
  }

  private CompletionStage<Outcome> httpGet(Probe probe, Target target, Duration timeout) {
    var get = probe.getHttpGet();
    String path = get.getPath().isEmpty() ? "/" : (get.getPath().startsWith("/") ? "" : "/") + get.getPath();
    InetSocketAddress published = target.hostPorts().get(get.getPort());
    if (published == null) {
      String url = "http://127.0.0.1:" + get.getPort() + path;
      return execIn(target.infraId(), List.of("wget", "-q", "-O", "/dev/null", "-T",
          Long.toString(Math.max(1, timeout.toSeconds())), url), timeout.plusSeconds(1), "GET " + url);
    }
    URI uri = URI.create("http://" + published.getHostString() + ":" + published.getPort() + path);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle((response, failure) -> {
          if (failure != null) {
            return new Outcome(false, "GET " + uri + " failed: " + failure.getMessage());
          }
          boolean ok = response.statusCode() >= 200 && response.statusCode() < 400;
          return new Outcome(ok, "GET " + uri + " returned " + response.statusCode());
        });
  }

  private CompletionStage<Outcome> tcp(int port, Target target, Duration timeout) {
    InetSocketAddress published = target.hostPorts().get(port);
    if (published == null) {
      return execIn(target.infraId(), List.of("sh", "-c", "nc -w " + Math.max(1, timeout.toSeconds())
          + " 127.0.0.1 " + port + " </dev/null"), timeout.plusSeconds(1), "tcp connect to port " + port);
    }
    return CompletableFuture.supplyAsync(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(published, (int) timeout.toMillis());
        return new Outcome(true, "connected to " + published);
      } catch (IOException e) {
        return new Outcome(false, "tcp connect to " + published + " failed: " + e.getMessage());
      }
    }, blocking);
  }

  private CompletionStage<Outcome> execIn(String id, List<String> command, Duration timeout, String what) {
    return docker.exec(id, command, timeout).handle((result, failure) -> {
      if (failure != null) {
        return new Outcome(false, what + " failed: " + failure.getMessage());
      }
      return result.exitCode() == 0
          ? new Outcome(true, what + " succeeded")
          : new Outcome(false, what + " failed with exit code " + result.exitCode() + ": " + result.output().strip());
    });
  }
}
