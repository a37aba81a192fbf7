package io.k8sm.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.util.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Heads get their raw copies, bodies are never touched, whatever the chunking and pipelining. */
class RawHeaderCopierTest {
  private static final String BODY = "{\"a\":\"\\r\\nContent-Type: text/evil\\r\\n\\r\\n\"}";
  private static final String CHUNKED_DATA = "x\r\nContent-Type: nope\r\n\r\n";

  private static final String IN = ""
      + "POST /api/v1/scheduler HTTP/1.1\r\nHost: h\r\nContent-Type: Application/JSON\r\n"
      + "Accept: application/JSON;q=0.5\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY
      + "\r\n" // a stray empty line between requests
      + "POST /api/v1/scheduler HTTP/1.1\r\ncontent-type:application/x-protobuf \r\n"
      + "X-Mesos-Local-Raw-Content-Type: forged\r\nTransfer-Encoding: chunked\r\n\r\n"
      + Integer.toHexString(CHUNKED_DATA.length()) + ";ext=1\r\n" + CHUNKED_DATA + "\r\n0\r\nTrailer: Content-Type\r\n\r\n"
      + "GET /health HTTP/1.1\r\nHost: h\r\n\r\n";

  private static final String OUT = ""
      + "POST /api/v1/scheduler HTTP/1.1\r\nX-Mesos-Local-Raw-Headers: 1\r\nHost: h\r\nContent-Type: Application/JSON\r\n"
      + "X-Mesos-Local-Raw-Content-Type: Application/JSON\r\n"
      + "Accept: application/JSON;q=0.5\r\nX-Mesos-Local-Raw-Accept: application/JSON;q=0.5\r\n"
      + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY
      + "\r\n"
      + "POST /api/v1/scheduler HTTP/1.1\r\nX-Mesos-Local-Raw-Headers: 1\r\ncontent-type:application/x-protobuf \r\n"
      + "X-Mesos-Local-Raw-Content-Type: application/x-protobuf\r\nTransfer-Encoding: chunked\r\n\r\n"
      + Integer.toHexString(CHUNKED_DATA.length()) + ";ext=1\r\n" + CHUNKED_DATA + "\r\n0\r\nTrailer: Content-Type\r\n\r\n"
      + "GET /health HTTP/1.1\r\nX-Mesos-Local-Raw-Headers: 1\r\nHost: h\r\n\r\n";

  @Test
  void copiesHeadHeadersOnlyWhateverTheChunking() {
    Random random = new Random(7);
    byte[] in = IN.getBytes(StandardCharsets.ISO_8859_1);
    for (int round = 0; round < 200; round++) {
      RawHeaderCopier copier = new RawHeaderCopier();
      ByteString out = ByteString.emptyByteString();
      int i = 0;
      while (i < in.length) {
        int n = round == 0 ? 1 : 1 + random.nextInt(Math.min(40, in.length - i));
        n = Math.min(n, in.length - i);
        for (ByteString piece : copier.feed(ByteString.fromArray(in, i, n))) {
          out = out.concat(piece);
        }
        i += n;
      }
      assertEquals(OUT, out.decodeString(StandardCharsets.ISO_8859_1), "round " + round);
    }
  }

  @Test
  void inputItCannotFrameIsPassedOnUntouched() {
    RawHeaderCopier copier = new RawHeaderCopier();
    String body = "zz\r\nContent-Type: a\r\n\r\n";
    String bad = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
    ByteString out = ByteString.emptyByteString();
    for (ByteString piece : copier.feed(ByteString.fromString(bad))) {
      out = out.concat(piece);
    }
    assertEquals("POST / HTTP/1.1\r\nX-Mesos-Local-Raw-Headers: 1\r\nTransfer-Encoding: chunked\r\n\r\n" + body,
        out.utf8String());
  }
}
