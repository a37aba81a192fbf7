package io.k8sm.protocol.recordio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorSystem;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RecordIO framing: any chunking of valid input decodes to the same records; bad input fails clearly. */
class RecordIOTest {
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
  private static final ActorSystem<?> system = testKit.system();
  private static final long MAX = 1 << 20;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static List<ByteString> decode(List<ByteString> chunks, long max) throws Exception {
    return Source.from(chunks).via(RecordIO.decoder(max)).runWith(Sink.seq(), system)
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** Records of random content and size: mostly small, some multi-KB, bytes include '\n' and digits. */
  private static List<ByteString> randomRecords(Random random) {
    List<ByteString> records = new ArrayList<>();
    int count = 1 + random.nextInt(40);
    for (int i = 0; i < count; i++) {
      int size = switch (random.nextInt(4)) {
        case 0 -> 1 + random.nextInt(9);
        case 1 -> 10 + random.nextInt(300);
        case 2 -> 1000 + random.nextInt(9000);
        default -> 1 + random.nextInt(16 * 1024);
      };
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      records.add(ByteString.fromArray(bytes));
    }
    return records;
  }

  /** Cuts {@code bytes} at random places: sometimes 1-byte chunks, sometimes big ones spanning many records. */
  private static List<ByteString> rechunk(ByteString bytes, Random random) {
    int style = random.nextInt(4);
    List<ByteString> chunks = new ArrayList<>();
    ByteString rest = bytes;
    while (!rest.isEmpty()) {
      int size = switch (style) {
        case 0 -> 1;
        case 1 -> 1 + random.nextInt(16);
        case 2 -> 1 + random.nextInt(20_000);
        default -> random.nextInt(10) == 0 ? 1 : 1 + random.nextInt(200_000);
      };
      chunks.add(rest.take(size));
      rest = rest.drop(size);
    }
    return chunks;
  }

  @Test
  void randomlyChunkedStreamsDecodeToTheOriginalRecords() throws Exception {
    Random random = new Random(20141126L);
    for (int round = 0; round < 40; round++) {
      List<ByteString> records = randomRecords(random);
      ByteString wire = records.stream().map(RecordIO::frame).reduce(ByteString.emptyByteString(), ByteString::concat);
      List<ByteString> chunks = rechunk(wire, random);
      assertEquals(records, decode(chunks, MAX), "round " + round + " with " + chunks.size() + " chunks");
    }
  }

  @Test
  void encoderAndDecoderRoundTrip() throws Exception {
    List<ByteString> records = randomRecords(new Random(7));
    List<ByteString> decoded = Source.from(records).via(RecordIO.encoder()).via(RecordIO.decoder(MAX))
        .runWith(Sink.seq(), system).toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals(records, decoded);
  }

  @Test
  void frameIsLengthLineFeedBytes() {
    assertEquals(ByteString.fromString("5\nhello"), RecordIO.frame(ByteString.fromString("hello")));
    assertEquals(ByteString.fromString("12\n{\"type\":\"X\"}"), RecordIO.frame(ByteString.fromString("{\"type\":\"X\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "non-digit length            | 1x\\nA                  | non-digit byte 0x78 at offset 1",
      "letters before any newline  | abc                     | non-digit byte 0x61 at offset 0",
      "negative length             | -5\\nhello              | non-digit byte 0x2d at offset 0",
      "zero length                 | 0\\n                    | record length is 0",
      "empty length                | \\nabc                  | empty record length",
      "over the maximum            | 11\\nhello world        | record of 11 bytes exceeds the maximum of 10 bytes",
      "too many digits             | 123456789012345678901\\n | more than 20 digits",
      "uint64 beyond long          | 99999999999999999999\\n | out of range",
      "ends mid-record             | 5\\nhel                 | stream ended inside a record: 3 of 5 bytes received",
      "ends inside the length      | 12                      | stream ended inside a record length",
  })
  void malformedInputFailsWithAClearMessage(String caseName, String input, String message) throws Exception {
    ByteString bytes = ByteString.fromString(input.replace("\\n", "\n"));
    for (List<ByteString> chunks : List.of(List.of(bytes), rechunk(bytes, new Random(1)))) {
      ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> decode(chunks, 10), caseName);
      RecordIOException error = assertInstanceOf(RecordIOException.class, e.getCause(), caseName);
      assertTrue(error.getMessage().contains(message), caseName + ": " + error.getMessage());
    }
  }

  @Test
  void completeRecordsBeforeATornOneAreDelivered() throws Exception {
    List<ByteString> seen = new CopyOnWriteArrayList<>();
    var done = Source.single(ByteString.fromString("2\nab3\nxy")).via(RecordIO.decoder(MAX))
        .runWith(Sink.foreach(seen::add), system);
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> done.toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertInstanceOf(RecordIOException.class, e.getCause());
    assertEquals(List.of(ByteString.fromString("ab")), seen);
  }
}
