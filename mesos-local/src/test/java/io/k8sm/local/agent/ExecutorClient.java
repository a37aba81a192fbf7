package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.k8sm.local.agent.testexec.TinyExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;

/**
 * Plays an executor against the agent over plain java.net.http, so tests can send exactly the bytes
 * and headers they want and read the event stream record by record.
 */
final class ExecutorClient {
  private static final SecureRandom RANDOM = new SecureRandom();

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final URI uri;
  final FrameworkID framework;
  final ExecutorID executor;

  ExecutorClient(String endpoint, FrameworkID framework, ExecutorID executor) {
    this.uri = URI.create("http://" + endpoint + "/api/v1/executor");
    this.framework = framework;
    this.executor = executor;
  }

  record Reply(int status, String contentType, String body) {}

  Call.Builder call(Call.Type type) {
    return Call.newBuilder().setType(type).setFrameworkId(framework).setExecutorId(executor);
  }

  static String json(Call call) {
    try {
      return JsonFormat.printer().preservingProtoFieldNames().print(call);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  Reply post(Call call) throws Exception {
    return send("POST", "application/json", json(call));
  }

  Reply send(String method, String contentType, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
  }

  Call update(TaskID task, TaskState state, byte[] uuid) {
    TaskStatus status = TaskStatus.newBuilder().setTaskId(task).setState(state)
        .setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(ByteString.copyFrom(uuid)).build();
    return call(Call.Type.UPDATE).setUpdate(Call.Update.newBuilder().setStatus(status)).build();
  }

  static byte[] uuid() {
    byte[] uuid = new byte[16];
    RANDOM.nextBytes(uuid);
    return uuid;
  }

  Subscription subscribe(Call.Subscribe subscribe) throws Exception {
    return subscribe(uri, call(Call.Type.SUBSCRIBE).setSubscribe(subscribe).build());
  }

  Subscription subscribe(URI target, Call call) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(target)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(call))).build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    return new Subscription(response);
  }

  /** A live SUBSCRIBE response; events are read on a daemon thread into a queue. */
  static final class Subscription implements AutoCloseable {
    static final Event END = Event.newBuilder().setType(Event.Type.UNKNOWN).build();
    final int status;
    final String contentType;
    private final InputStream body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    Subscription(HttpResponse<InputStream> response) {
      this.status = response.statusCode();
      this.contentType = response.headers().firstValue("Content-Type").orElse("");
      this.body = response.body();
      Thread reader = new Thread(this::read, "executor-stream-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try {
        byte[] record;
        while ((record = TinyExecutor.readRecordForTests(body)) != null) {
          Event.Builder event = Event.newBuilder();
          JsonFormat.parser().ignoringUnknownFields().merge(new String(record, StandardCharsets.UTF_8), event);
          events.add(event.build());
        }
      } catch (IOException e) {
        // closed by the test or by the agent: both end the stream
      }
      events.add(END);
    }

    Event next() throws InterruptedException {
      Event event = events.poll(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(event, "no event within " + RecordingListener.WAIT);
      return event;
    }

    /** The next event, which must be of {@code type}. */
    Event expect(Event.Type type) throws InterruptedException {
      Event event = next();
      if (event.getType() != type) {
        throw new AssertionError("expected " + type + " but got " + (event == END ? "end of stream" : event));
      }
      return event;
    }

    Event poll(Duration wait) throws InterruptedException {
      return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
