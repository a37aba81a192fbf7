package io.k8sm.local.agent.testexec;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;

/**
 * A tiny custom executor for the agent's tests, speaking the v1 executor API with nothing but
 * java.net.http and the Mesos protobufs (JSON). It subscribes from its MESOS_* environment, writes
 * that environment to {@code env.properties} in its sandbox, and obeys each task's data:
 * {@code exit:N} exits with N at once, {@code silent} sends nothing, {@code finish} sends RUNNING
 * then FINISHED, anything else sends RUNNING. KILL answers TASK_KILLED, MESSAGE is echoed back with
 * an {@code echo:} prefix, SHUTDOWN exits 0 unless started with {@code --ignore-shutdown}. Every
 * event it receives is logged to stdout as {@code EVENT <type> [<task>]}.
 */
public final class TinyExecutor {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final PrintStream OUT = System.out;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI uri;
  private final FrameworkID framework;
  private final ExecutorID executor;
  private final boolean ignoreShutdown;

  private TinyExecutor(Map<String, String> env, boolean ignoreShutdown) {
    this.uri = URI.create("http://" + env.get("MESOS_AGENT_ENDPOINT") + "/api/v1/executor");
    this.framework = FrameworkID.newBuilder().setValue(env.get("MESOS_FRAMEWORK_ID")).build();
    this.executor = ExecutorID.newBuilder().setValue(env.get("MESOS_EXECUTOR_ID")).build();
    this.ignoreShutdown = ignoreShutdown;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    StringBuilder dump = new StringBuilder();
    new TreeMap<>(env).forEach((k, v) -> {
      if (k.startsWith("MESOS_") || k.startsWith("TINY_")) {
        dump.append(k).append('=').append(v).append('\n');
      }
    });
    Files.writeString(Path.of(env.get("MESOS_SANDBOX"), "env.properties"), dump.toString());
    OUT.println("tiny executor starting in " + Path.of("").toAbsolutePath());
    System.err.println("tiny executor stderr");
    new TinyExecutor(env, Arrays.asList(args).contains("--ignore-shutdown")).run();
  }

  private void run() throws Exception {
    Call subscribe = call(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.getDefaultInstance()).build();
    HttpResponse<InputStream> response = http.send(request(subscribe), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      OUT.println("subscribe failed: " + response.statusCode());
      System.exit(70);
    }
    try (InputStream in = response.body()) {
      byte[] record;
      while ((record = readRecord(in)) != null) {
        Event.Builder event = Event.newBuilder();
        JsonFormat.parser().ignoringUnknownFields().merge(new String(record, StandardCharsets.UTF_8), event);
        handle(event.build());
      }
    }
    OUT.println("stream ended");
    System.exit(0);
  }

  private void handle(Event event) throws Exception {
    switch (event.getType()) {
      case LAUNCH -> {
        TaskInfo task = event.getLaunch().getTask();
        OUT.println("EVENT LAUNCH " + task.getTaskId().getValue());
        String data = task.getData().toStringUtf8();
        if (data.startsWith("exit:")) {
          System.exit(Integer.parseInt(data.substring(5)));
        } else if (!data.equals("silent")) {
          update(task.getTaskId(), TaskState.TASK_RUNNING);
          if (data.equals("finish")) {
            update(task.getTaskId(), TaskState.TASK_FINISHED);
          }
        }
      }
      case KILL -> {
        OUT.println("EVENT KILL " + event.getKill().getTaskId().getValue());
        update(event.getKill().getTaskId(), TaskState.TASK_KILLED);
      }
      case ACKNOWLEDGED -> OUT.println("EVENT ACKNOWLEDGED " + event.getAcknowledged().getTaskId().getValue());
      case MESSAGE -> {
        OUT.println("EVENT MESSAGE");
        ByteString echo = ByteString.copyFromUtf8("echo:").concat(event.getMessage().getData());
        post(call(Call.Type.MESSAGE).setMessage(Call.Message.newBuilder().setData(echo)).build());
      }
      case SHUTDOWN -> {
        OUT.println("EVENT SHUTDOWN");
        if (!ignoreShutdown) {
          System.exit(0);
        }
      }
      default -> OUT.println("EVENT " + event.getType());
    }
  }

  private void update(TaskID task, TaskState state) throws Exception {
    byte[] uuid = new byte[16];
    RANDOM.nextBytes(uuid);
    TaskStatus status = TaskStatus.newBuilder().setTaskId(task).setState(state)
        .setSource(TaskStatus.Source.SOURCE_EXECUTOR).setExecutorId(executor).setUuid(ByteString.copyFrom(uuid)).build();
    post(call(Call.Type.UPDATE).setUpdate(Call.Update.newBuilder().setStatus(status)).build());
  }

  private void post(Call call) throws Exception {
    int code = http.send(request(call), HttpResponse.BodyHandlers.discarding()).statusCode();
    if (code != 202) {
      OUT.println(call.getType() + " answered " + code);
    }
  }

  private Call.Builder call(Call.Type type) {
    return Call.newBuilder().setType(type).setFrameworkId(framework).setExecutorId(executor);
  }

  private HttpRequest request(Call call) throws Exception {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JsonFormat.printer().preservingProtoFieldNames().print(call)))
        .build();
  }

  /** The same reader for the tests that play an executor themselves. */
  public static byte[] readRecordForTests(InputStream in) throws IOException {
    return readRecord(in);
  }

  /** One RecordIO record: decimal length, newline, that many bytes; null at end of stream. */
  static byte[] readRecord(InputStream in) throws IOException {
    ByteArrayOutputStream digits = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        return null;
      }
      digits.write(b);
    }
    int length = Integer.parseInt(digits.toString(StandardCharsets.US_ASCII));
    byte[] record = in.readNBytes(length);
    if (record.length < length) {
      return null;
    }
    return record;
  }
}
