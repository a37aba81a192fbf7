package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.k8sm.local.agent.testexec.TinyExecutor;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
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

  /**
   * SUBSCRIBE over a raw socket: java.net.http keeps the connection open after its body stream is
   * closed, and tests need to drop the connection for real, as a crashing executor would.
   */
  Subscription subscribe(URI target, Call call) throws Exception {
    return subscribe(target, call, false);
  }

  Subscription subscribe(URI target, Call call, boolean protobuf) throws Exception {
    Socket socket = new Socket(target.getHost(), target.getPort());
    byte[] body = protobuf ? call.toByteArray() : json(call).getBytes(StandardCharsets.UTF_8);
    String type = protobuf ? "application/x-protobuf" : "application/json";
    String head = "POST " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
        + "\r\nContent-Type: " + type + "\r\nAccept: " + type + "\r\nContent-Length: " + body.length + "\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream());
    String status = line(in);
    String contentType = "";
    boolean chunked = false;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      String lower = header.toLowerCase();
      if (lower.startsWith("content-type:")) {
        contentType = header.substring(13).trim();
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    int code = Integer.parseInt(status.split(" ")[1]);
    return new Subscription(code, contentType, chunked ? new ChunkedInputStream(in) : in, socket, protobuf);
  }

  static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("connection closed");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  /** Undoes HTTP/1.1 chunked transfer coding; ends at the last chunk. */
  static final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private int left;
    private boolean done;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        String size = line(in);
        left = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (left == 0) {
          done = true;
          return -1;
        }
      }
      int b = in.read();
      if (--left == 0) {
        line(in);
      }
      return b;
    }
  }

  /** A live SUBSCRIBE response; events are read on a daemon thread into a queue. */
  static final class Subscription implements AutoCloseable {
    static final Event END = Event.newBuilder().setType(Event.Type.UNKNOWN).build();
    final int status;
    final String contentType;
    private final InputStream body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private final Socket socket;
    private final boolean protobuf;

    Subscription(int status, String contentType, InputStream body, Socket socket, boolean protobuf) {
      this.protobuf = protobuf;
      this.status = status;
      this.contentType = contentType;
      this.body = body;
      this.socket = socket;
      Thread reader = new Thread(this::read, "executor-stream-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try {
        byte[] record;
        while ((record = TinyExecutor.readRecordForTests(body)) != null) {
          Event.Builder event = Event.newBuilder();
          if (protobuf) {
            event.mergeFrom(record);
          } else {
            JsonFormat.parser().ignoringUnknownFields().merge(new String(record, StandardCharsets.UTF_8), event);
          }
          events.add(event.build());
        }
      } catch (IOException | RuntimeException e) {
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
        socket.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
