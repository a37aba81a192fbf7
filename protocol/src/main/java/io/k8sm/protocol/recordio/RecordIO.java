package io.k8sm.protocol.recordio;

import akka.NotUsed;
import akka.stream.javadsl.Flow;
import akka.util.ByteString;
import java.nio.charset.StandardCharsets;

/**
 * RecordIO framing as used by the Mesos streaming APIs: each record is its length in ASCII
 * decimal, a line feed, then exactly that many bytes. Records are independent of HTTP chunk
 * boundaries, so the decoder accepts any split: one record over many chunks, many records in one.
 */
public final class RecordIO {
  private RecordIO() {}

  /** One framed record: {@code <length>\n<bytes>}. */
  public static ByteString frame(ByteString record) {
    return ByteString.fromString(Integer.toString(record.size()), StandardCharsets.US_ASCII)
        .concat(ByteString.fromArrayUnsafe(new byte[] {'\n'}))
        .concat(record);
  }

  /** Frames every element as one record. */
  public static Flow<ByteString, ByteString, NotUsed> encoder() {
    return Flow.<ByteString>create().map(RecordIO::frame);
  }

  /**
   * Reassembles records from arbitrarily chunked bytes. Fails the stream with a
   * {@link RecordIOException} on a non-digit length, a zero length, a record longer than
   * {@code maxRecordBytes} (detected from the length, before its bytes are buffered), or input that
   * ends inside a record (after delivering every complete record before it).
   */
  public static Flow<ByteString, ByteString, NotUsed> decoder(long maxRecordBytes) {
    return Flow.fromGraph(new RecordIODecoder(maxRecordBytes));
  }
}
