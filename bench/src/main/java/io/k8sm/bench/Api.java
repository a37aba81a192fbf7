package io.k8sm.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The framework's REST API as the harness uses it, over one keep-alive HTTP/1.1 client (the JDK's
 * pool reuses connections). The pod list is read with a streaming parser that keeps only id,
 * status and host, so the harness' own cost of watching stays small next to the server's.
 */
public final class Api {
  private static final JsonFactory JSON = new JsonFactory();
  private final HttpClient client;
  private final String base;

  /** One pod as the list shows it. */
  public record PodState(String id, String status, String host) {}

  /** A read list: the pods and the size of the response body in bytes. */
  public record Listing(List<PodState> pods, long bytes) {}

  public Api(String baseUrl) {
    this.base = baseUrl + "/api/v1beta1";
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  public boolean healthy() {
    try {
      HttpRequest r = HttpRequest.newBuilder(URI.create(base.replace("/api/v1beta1", "/healthz")))
          .timeout(Duration.ofSeconds(2)).build();
      return client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public CompletableFuture<Integer> postAsync(String json) {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/pods")).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    return client.sendAsync(r, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
  }

  public int post(String json) throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/pods")).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    return client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  public int get(String id) throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/pods/" + id)).timeout(Duration.ofSeconds(30)).build();
    return client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  public CompletableFuture<Integer> deleteAsync(String id) {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/pods/" + id)).timeout(Duration.ofSeconds(60))
        .DELETE().build();
    return client.sendAsync(r, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
  }

  /** GET of the whole list, body read and discarded: the cost a list client pays. */
  public int listRaw() throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/pods")).timeout(Duration.ofSeconds(60)).build();
    return client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  public Listing list() throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/pods")).timeout(Duration.ofSeconds(60)).build();
    HttpResponse<InputStream> resp = client.send(r, HttpResponse.BodyHandlers.ofInputStream());
    if (resp.statusCode() != 200) {
      resp.body().close();
      throw new IOException("GET /pods answered " + resp.statusCode());
    }
    try (CountingStream in = new CountingStream(resp.body()); JsonParser p = JSON.createParser(in)) {
      List<PodState> out = new ArrayList<>();
      p.nextToken();
      while (p.nextToken() != JsonToken.END_OBJECT) {
        String field = p.currentName();
        p.nextToken();
        if ("items".equals(field) && p.currentToken() == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) out.add(readPod(p));
        } else {
          p.skipChildren();
        }
      }
      return new Listing(out, in.count);
    }
  }

  public int minionCount() throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/minions")).timeout(Duration.ofSeconds(30)).build();
    String body = client.send(r, HttpResponse.BodyHandlers.ofString()).body();
    int n = 0;
    for (int i = body.indexOf("\"agentId\""); i >= 0; i = body.indexOf("\"agentId\"", i + 1)) n++;
    return n;
  }

  private static PodState readPod(JsonParser p) throws IOException {
    String id = null, status = null, host = null;
    while (p.nextToken() != JsonToken.END_OBJECT) {
      String field = p.currentName();
      p.nextToken();
      if ("id".equals(field)) {
        id = p.getText();
      } else if ("currentState".equals(field) && p.currentToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() != JsonToken.END_OBJECT) {
          String f = p.currentName();
          p.nextToken();
          if ("status".equals(f)) status = p.getText();
          else if ("host".equals(f)) host = p.getText();
          else p.skipChildren();
        }
      } else {
        p.skipChildren();
      }
    }
    return new PodState(id, status, host);
  }

  private static final class CountingStream extends java.io.FilterInputStream {
    long count;

    CountingStream(InputStream in) { super(in); }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) count += n;
      return n;
    }
  }
}
