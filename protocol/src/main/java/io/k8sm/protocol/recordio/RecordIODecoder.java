package io.k8sm.protocol.recordio;

import akka.stream.Attributes;
import akka.stream.FlowShape;
import akka.stream.Inlet;
import akka.stream.Outlet;
import akka.stream.stage.AbstractInHandler;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.GraphStage;
import akka.stream.stage.GraphStageLogic;
import akka.util.ByteString;
import java.util.ArrayDeque;

/**
 * The stage behind {@link RecordIO#decoder(long)}: a two-state parser (reading a length, reading a
 * body) that looks at each input byte once. A record's body is copied into an array of exactly its
 * length as it arrives, so a record spread over thousands of tiny chunks still costs linear time.
 */
final class RecordIODecoder extends GraphStage<FlowShape<ByteString, ByteString>> {
  private static final int MAX_LENGTH_DIGITS = 20; // a uint64 has at most 20 decimal digits

  private final Inlet<ByteString> in = Inlet.create("RecordIO.in");
  private final Outlet<ByteString> out = Outlet.create("RecordIO.out");
  private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);
  private final long maxRecordBytes;

  RecordIODecoder(long maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public FlowShape<ByteString, ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new GraphStageLogic(shape) {
      private final StringBuilder digits = new StringBuilder(MAX_LENGTH_DIGITS);
      private final ArrayDeque<ByteString> ready = new ArrayDeque<>();
      private byte[] body; // null while reading a length
      private int filled;

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            try {
              consume(grab(in));
            } catch (RecordIOException e) {
              // failStage rather than a throw: bad input from a peer is not a bug worth an ERROR log.
              failStage(e);
              return;
            }
            emitOrPull();
          }

          @Override
          public void onUpstreamFinish() {
            // Records already complete are still delivered; a torn one fails only after them.
            if (ready.isEmpty()) {
              finish();
            }
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            emitOrPull();
          }
        });
      }

      private void emitOrPull() {
        if (!ready.isEmpty()) {
          if (isAvailable(out)) {
            push(out, ready.poll());
          }
        } else if (isClosed(in)) {
          finish();
        } else if (!hasBeenPulled(in)) {
          pull(in);
        }
      }

      private void finish() {
        if (body != null) {
          failStage(new RecordIOException("stream ended inside a record: " + filled + " of " + body.length
              + " bytes received"));
        } else if (digits.length() > 0) {
          failStage(new RecordIOException("stream ended inside a record length (" + digits.length()
              + " digits, no line feed)"));
        } else {
          completeStage();
        }
      }

      /** Feeds one chunk through the parser, queueing every record it completes. */
      private void consume(ByteString chunk) {
        int pos = 0;
        int size = chunk.size();
        while (pos < size) {
          if (body == null) {
            byte b = chunk.apply(pos++);
            if (b == '\n') {
              startBody();
            } else {
              addDigit(b);
            }
          } else {
            int take = Math.min(body.length - filled, size - pos);
            chunk.slice(pos, pos + take).asByteBuffer().get(body, filled, take);
            filled += take;
            pos += take;
            if (filled == body.length) {
              ready.add(ByteString.fromArrayUnsafe(body));
              body = null;
            }
          }
        }
      }

      private void addDigit(byte b) {
        if (b < '0' || b > '9') {
          throw new RecordIOException("record length contains a non-digit byte 0x"
              + Integer.toHexString(b & 0xff) + " at offset " + digits.length());
        }
        if (digits.length() == MAX_LENGTH_DIGITS) {
          throw new RecordIOException("record length has more than " + MAX_LENGTH_DIGITS + " digits");
        }
        digits.append((char) b);
      }

      private void startBody() {
        if (digits.length() == 0) {
          throw new RecordIOException("empty record length");
        }
        long length;
        try {
          length = Long.parseLong(digits.toString());
        } catch (NumberFormatException e) {
          throw new RecordIOException("record length out of range: " + digits);
        }
        if (length == 0) {
          throw new RecordIOException("record length is 0");
        }
        if (length > maxRecordBytes || length > Integer.MAX_VALUE - 64) {
          throw new RecordIOException(
              "record of " + length + " bytes exceeds the maximum of " + maxRecordBytes + " bytes");
        }
        digits.setLength(0);
        body = new byte[(int) length];
        filled = 0;
      }
    };
  }
}
