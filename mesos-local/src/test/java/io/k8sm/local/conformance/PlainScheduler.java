package io.k8sm.local.conformance;

import akka.util.ByteString;
import io.k8sm.protocol.codec.Encoding;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * A scheduler written against the wire only: java.net.http, RecordIO read by hand, bodies encoded
 * with the shared codec. What the conformance tests use to talk to mesos-local.
 */
final class PlainScheduler {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  final URI endpoint;
  final Encoding encoding;

  PlainScheduler(String masterUrl, Encoding encoding) {
    this.endpoint = URI.create(masterUrl + "/api/v1/scheduler");
    this.encoding = encoding;
  }

  static FrameworkInfo.Builder framework(String name) {
    return FrameworkInfo.newBuilder().setUser("tester").setName(name);
  }

  static Call subscribeCall(FrameworkInfo info) {
    Call.Builder c = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
    if (info.hasId()) {
      c.setFrameworkId(info.getId());
    }
    return c.build();
  }

  /** Opens a subscription; the stream reads events in the background. */
  EventStream subscribe(FrameworkInfo info) throws IOException, InterruptedException {
    return subscribe(subscribeCall(info), Map.of());
  }

  EventStream subscribe(Call call, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
        .timeout(TIMEOUT)
        .header("Content-Type", encoding.mediaType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(encoding.encode(call).toArray()));
    headers.forEach(b::header);
    HttpResponse<java.io.InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    return new EventStream(r);
  }

  /** Sends a call on its own connection with the given stream id. */
  HttpResponse<String> call(Call call, String streamId) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
        .timeout(TIMEOUT)
        .header("Content-Type", encoding.mediaType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(encoding.encode(call).toArray()));
    if (streamId != null) {
      b.header("Mesos-Stream-Id", streamId);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends arbitrary bytes with arbitrary headers and method (for the bad-request table). */
  HttpResponse<String> raw(String method, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Call.Builder call(Call.Type type, FrameworkID id) {
    return Call.newBuilder().setType(type).setFrameworkId(id);
  }

  ByteString encode(Call c) {
    return encoding.encode(c);
  }
}
