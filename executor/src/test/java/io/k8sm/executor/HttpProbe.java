package io.k8sm.executor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GET on loopback until the server answers: a container counts as running as soon as its process
 * starts, a moment before the process listens (and Docker's port proxy then closes connections).
 */
public final class HttpProbe {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private HttpProbe() {}

  public static HttpResponse<String> get(String url, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new AssertionError("no HTTP answer from " + url + " within " + max, last);
  }
}
