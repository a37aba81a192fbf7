package io.k8sm.framework.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8sm.framework.api.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small blocking client of the scheduler's REST API (loopback only). */
public final class Api {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final String base;

  public Api(String base) {
    this.base = base;
  }

  public HttpResponse<String> send(String method, String path, String body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    }
  }

  public JsonNode get(String path) {
    try {
      return Json.MAPPER.readTree(send("GET", path, null).body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public JsonNode pod(String id) {
    return get("/api/v1beta1/pods/" + id);
  }

  public static String pod(String id, long cpuMillis, String restartPolicy, Integer hostPort) {
    String ports = hostPort == null ? "" : ",\"ports\":[{\"hostPort\":" + hostPort + ",\"containerPort\":80}]";
    return "{\"id\":\"" + id + "\",\"labels\":{\"app\":\"" + id + "\"},\"desiredState\":{\"manifest\":{\"version\":"
        + "\"v1beta1\",\"id\":\"" + id + "\",\"restartPolicy\":{\"" + restartPolicy + "\":{}},\"containers\":[{"
        + "\"name\":\"c\",\"image\":\"k8sm/pause:1\",\"cpu\":" + cpuMillis + ",\"memory\":33554432" + ports + "}]}}}";
  }
}
