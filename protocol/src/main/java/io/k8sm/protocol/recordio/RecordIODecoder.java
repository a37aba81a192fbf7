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

/** The stage behind {@link RecordIO#decoder(long)}: a small parser over a byte buffer. */
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
      private ByteString buffer = ByteString.emptyByteString();
      private final ArrayDeque<ByteString> ready = new ArrayDeque<>();

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            buffer = buffer.concat(grab(in));
            try {
              parse();
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
        if (buffer.isEmpty()) {
          completeStage();
          return;
        }
        int newline = buffer.indexOf((byte) '\n');
        failStage(new RecordIOException(newline < 0
            ? "stream ended inside a record length (" + buffer.size() + " digits, no line feed)"
            : "stream ended inside a record: " + (buffer.size() - newline - 1) + " of "
                + buffer.slice(0, newline).utf8String() + " bytes received"));
      }

      /** Moves every complete record from the buffer to the ready queue. */
      private void parse() {
        while (true) {
          int newline = buffer.indexOf((byte) '\n');
          if (newline < 0) {
            if (buffer.size() > MAX_LENGTH_DIGITS) {
              throw new RecordIOException("record length has more than " + MAX_LENGTH_DIGITS + " digits");
            }
            checkDigits(buffer.size());
            return;
          }
          long length = parseLength(newline);
          if (buffer.size() - newline - 1 < length) {
            return;
          }
          int start = newline + 1;
          ready.add(buffer.slice(start, start + (int) length).compact());
          buffer = buffer.drop(start + (int) length);
        }
      }

      private void checkDigits(int upTo) {
        for (int i = 0; i < upTo; i++) {
          byte b = buffer.apply(i);
          if (b < '0' || b > '9') {
            throw new RecordIOException("record length contains a non-digit byte 0x"
                + Integer.toHexString(b & 0xff) + " at offset " + i);
          }
        }
      }

      private long parseLength(int newline) {
        if (newline == 0) {
          throw new RecordIOException("empty record length");
        }
        if (newline > MAX_LENGTH_DIGITS) {
          throw new RecordIOException("record length has more than " + MAX_LENGTH_DIGITS + " digits");
        }
        checkDigits(newline);
        long length;
        try {
          length = Long.parseLong(buffer.slice(0, newline).utf8String());
        } catch (NumberFormatException e) {
          throw new RecordIOException("record length out of range: " + buffer.slice(0, newline).utf8String());
        }
        if (length == 0) {
          throw new RecordIOException("record length is 0");
        }
        if (length > maxRecordBytes || length > Integer.MAX_VALUE - 64) {
          throw new RecordIOException(
              "record of " + length + " bytes exceeds the maximum of " + maxRecordBytes + " bytes");
        }
        return length;
      }
    };
  }
}
