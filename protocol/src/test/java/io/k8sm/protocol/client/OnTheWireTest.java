package io.k8sm.protocol.client;

import static io.k8sm.protocol.client.ClientFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorSystem;
import com.typesafe.config.ConfigFactory;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.recordio.RecordIO;
import io.k8sm.protocol.testing.SchedulerMessages;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the client really puts on the wire, read from a plain socket (no HTTP library in between):
 * the exact Content-Type and Accept lines, the stream id only on calls, and separate connections.
 */
class OnTheWireTest {
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
  private static final ActorSystem<?> system = testKit.system();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Request heads in arrival order, each tagged with the number of its connection. */
  private record Head(int connection, List<String> lines) {}

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void headersAreExactlyWhatMesosCompares(Encoding encoding) throws Exception {
    List<Head> heads = new CopyOnWriteArrayList<>();
    List<Socket> sockets = new CopyOnWriteArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> serve(server, encoding, heads, sockets), "raw-mesos");
      acceptor.setDaemon(true);
      acceptor.start();
      var settings = ClientSettings.fromConfig(system.settings().config(),
              List.of(URI.create("http://127.0.0.1:" + server.getLocalPort())), "/api/v1/scheduler")
          .withEncoding(encoding).withRequestTimeout(Duration.ofSeconds(5))
          .withHeaders(Map.of("Authorization", "Basic dXNlcjpzZWNyZXQ="));
      var subscription = await(MesosClient.scheduler(system, settings).subscribe(SchedulerMessages.subscribe()));
      await(subscription.send(SchedulerMessages.calls().get("KILL")));
      subscription.close();

      Head subscribe = heads.get(0);
      Head call = heads.get(1);
      for (Head head : List.of(subscribe, call)) {
        assertTrue(head.lines().get(0).startsWith("POST /api/v1/scheduler HTTP/1.1"), head.lines().get(0));
        assertEquals(List.of("content-type: " + encoding.mediaType()), linesNamed(head, "content-type"));
        assertEquals(List.of("accept: " + encoding.mediaType()), linesNamed(head, "accept"));
        assertEquals(List.of("authorization: basic dxnlcjpzzwnyzxq="), linesNamed(head, "authorization"));
      }
      assertTrue(linesNamed(subscribe, "mesos-stream-id").isEmpty(), "SUBSCRIBE never carries a stream id");
      assertEquals(List.of("mesos-stream-id: raw-1"), linesNamed(call, "mesos-stream-id"));
      assertFalse(subscribe.connection() == call.connection(), "calls go on a separate connection");
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  private static List<String> linesNamed(Head head, String name) {
    return head.lines().stream().map(l -> l.toLowerCase(java.util.Locale.ROOT))
        .filter(l -> l.startsWith(name + ":")).toList();
  }

  /** First connection: a never-ending 200 stream with SUBSCRIBED; every other one: 202. */
  private static void serve(ServerSocket server, Encoding encoding, List<Head> heads, List<Socket> sockets) {
    try {
      for (int connection = 1; ; connection++) {
        Socket socket = server.accept();
        sockets.add(socket);
        int id = connection;
        Thread t = new Thread(() -> answer(socket, id, encoding, heads), "raw-conn-" + id);
        t.setDaemon(true);
        t.start();
      }
    } catch (java.io.IOException closed) {
      // the test is over
    }
  }

  private static void answer(Socket socket, int connection, Encoding encoding, List<Head> heads) {
    try {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        List<String> lines = readHead(in);
        if (lines.isEmpty()) {
          return;
        }
        int length = lines.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT))
            .filter(l -> l.startsWith("content-length:")).map(l -> Integer.parseInt(l.substring(15).trim()))
            .findFirst().orElse(0);
        in.readNBytes(length);
        heads.add(new Head(connection, lines));
        if (connection == 1) {
          byte[] record = RecordIO.frame(encoding.encode(SchedulerMessages.subscribed(15))).toArray();
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + encoding.mediaType()
              + "\r\nMesos-Stream-Id: raw-1\r\nTransfer-Encoding: chunked\r\n\r\n"
              + Integer.toHexString(record.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(record);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
          out.write("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
      }
    } catch (java.io.IOException closed) {
      // the client went away
    }
  }

  private static List<String> readHead(InputStream in) throws java.io.IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      String text = head.toString(StandardCharsets.US_ASCII);
      if (text.endsWith("\r\n\r\n")) {
        return List.of(text.substring(0, text.length() - 4).split("\r\n"));
      }
    }
    return List.of();
  }
}
