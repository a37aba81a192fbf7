package io.k8sm.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorSystem;
import com.typesafe.config.ConfigFactory;
import io.k8sm.protocol.testing.MesosFixtureServer;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An Akka HTTP server built with exact content types tells Mesos's two types from near misses. */
class MesosMediaTypesTest {
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
  private static final ActorSystem<?> system = testKit.system();
  private static MesosFixtureServer server;

  @BeforeAll
  static void start() throws Exception {
    server = MesosFixtureServer.start(system, request -> MesosFixtureServer.accepted());
  }

  @AfterAll
  static void shutdown() throws Exception {
    server.close();
    testKit.shutdownTestKit();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "application/json                      | JSON",
      "application/x-protobuf                | PROTOBUF",
      "application/json; charset=utf-8       | ",
      "application/json;charset=UTF-8        | ",
      "application/x-protobuf; charset=utf-8 | ",
      "text/plain                            | ",
      "application/octet-stream              | ",
  })
  void onlyTheExactTypesAreAnEncoding(String contentType, Encoding expected) throws Exception {
    int before = server.requests().size();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(("POST /api/v1/scheduler HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
          + contentType + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      in.readAllBytes();
    }
    var request = server.requests().get(before);
    assertEquals(Optional.ofNullable(expected), Encoding.ofMediaType(request.contentType()), request.contentType());
  }
}
