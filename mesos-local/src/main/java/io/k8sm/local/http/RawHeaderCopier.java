package io.k8sm.local.http;

import akka.util.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sits on the inbound bytes of one HTTP/1.1 server connection, before Akka HTTP parses them, and
 * copies the Content-Type and Accept lines of every request head, exactly as the client wrote
 * them, into extra headers ({@link #RAW_CONTENT_TYPE}, {@link #RAW_ACCEPT}). Akka HTTP lower-cases
 * and normalises media types while parsing, and Mesos compares the raw Content-Type by string
 * equality, so {@code Application/JSON} must stay visible to be refused.
 *
 * <p>It follows the message framing (Content-Length, chunked bodies with trailers) so that only
 * heads are touched, never bodies, also with pipelined requests and any split of the bytes into
 * chunks. Copies a client sent itself are removed. Input it cannot frame (an oversized head, a bad
 * chunk size) is passed on untouched from then on, for Akka HTTP to refuse. Not thread-safe: one
 * instance per connection.
 */
public final class RawHeaderCopier {
  /** The Content-Type value as sent (header name case aside); absent when the request had none. */
  public static final String RAW_CONTENT_TYPE = "X-Mesos-Local-Raw-Content-Type";
  /** The Accept value as sent. */
  public static final String RAW_ACCEPT = "X-Mesos-Local-Raw-Accept";
  /** On every request that passed through a copier, so that an absent copy means an absent header. */
  public static final String COPIED = "X-Mesos-Local-Raw-Headers";

  private static final int MAX_LINE = 64 * 1024;
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

  private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, TRAILER, PASS_THROUGH }

  private State state = State.HEAD;
  private ByteString pending = ByteString.emptyByteString();
  private long remaining;
  private State afterBody = State.HEAD;

  /** Takes the next inbound bytes; returns what to hand on to the HTTP parser (maybe nothing yet). */
  public List<ByteString> feed(ByteString bytes) {
    // Only leftovers (part of a head or line) are joined, so bodies are passed on without copying.
    pending = pending.isEmpty() ? bytes : pending.concat(bytes).compact();
    List<ByteString> out = new ArrayList<>();
    while (!pending.isEmpty() && step(out)) {
      // each step consumes a head, a line or a piece of body
    }
    return out;
  }

  private boolean step(List<ByteString> out) {
    switch (state) {
      case HEAD -> {
        if (indexOf(CRLF) == 0) { // empty lines between requests are allowed
          emit(out, 2);
          return true;
        }
        int end = indexOf(HEAD_END);
        if (end < 0) {
          return tooLong(out);
        }
        out.add(head(pending.slice(0, end).decodeString(StandardCharsets.ISO_8859_1)));
        pending = pending.drop(end + HEAD_END.length);
        return true;
      }
      case BODY, CHUNK_DATA -> {
        int n = (int) Math.min(remaining, pending.size());
        emit(out, n);
        remaining -= n;
        if (remaining == 0) {
          state = afterBody;
        }
        return true;
      }
      case CHUNK_SIZE, TRAILER -> {
        int end = indexOf(CRLF);
        if (end < 0) {
          return tooLong(out);
        }
        String line = pending.slice(0, end).decodeString(StandardCharsets.ISO_8859_1);
        emit(out, end + 2);
        if (state == State.TRAILER) {
          state = line.isEmpty() ? State.HEAD : State.TRAILER;
        } else {
          chunkSize(line);
        }
        return true;
      }
      default -> {
        emit(out, pending.size());
        return false;
      }
    }
  }

  private void chunkSize(String line) {
    try {
      long size = Long.parseLong(line.split(";", 2)[0].trim(), 16);
      if (size == 0) {
        state = State.TRAILER;
      } else {
        remaining = size + 2; // the data and its CRLF
        state = State.CHUNK_DATA;
        afterBody = State.CHUNK_SIZE;
      }
    } catch (NumberFormatException e) {
      state = State.PASS_THROUGH;
    }
  }

  /** Rewrites one request head (without its final empty line) and sets up the body that follows. */
  private ByteString head(String head) {
    StringBuilder sb = new StringBuilder(head.length() + 128);
    long length = 0;
    boolean chunked = false;
    String[] lines = head.split("\r\n", -1);
    sb.append(lines[0]).append("\r\n").append(COPIED).append(": 1\r\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      String name = colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = colon < 0 ? "" : line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase(RAW_CONTENT_TYPE) || name.equalsIgnoreCase(RAW_ACCEPT) || name.equalsIgnoreCase(COPIED)) {
        continue;
      }
      sb.append(line).append("\r\n");
      switch (name) {
        case "content-type" -> sb.append(RAW_CONTENT_TYPE).append(": ").append(value).append("\r\n");
        case "accept" -> sb.append(RAW_ACCEPT).append(": ").append(value).append("\r\n");
        case "content-length" -> length = parseLength(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
        default -> { }
      }
    }
    sb.append("\r\n");
    if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (length > 0) {
      remaining = length;
      state = State.BODY;
      afterBody = State.HEAD;
    } else {
      state = length < 0 ? State.PASS_THROUGH : State.HEAD;
    }
    return ByteString.fromString(sb.toString(), StandardCharsets.ISO_8859_1);
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private boolean tooLong(List<ByteString> out) {
    if (pending.size() > MAX_LINE) {
      state = State.PASS_THROUGH;
      return true;
    }
    return false;
  }

  private int indexOf(byte[] pattern) {
    int limit = pending.size() - pattern.length;
    outer:
    for (int i = 0; i <= limit; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (pending.apply(i + j) != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void emit(List<ByteString> out, int n) {
    out.add(pending.take(n));
    pending = pending.drop(n);
  }
}
