package io.k8sm.local.conformance;

import akka.util.ByteString;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.codec.MalformedMessageException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The body of a SUBSCRIBE response read as RecordIO by a background thread: each record is its
 * decimal length, a newline, then the bytes of one event in the response's Content-Type.
 */
final class EventStream implements AutoCloseable {
  /** Put in the queue once the body ends (normally or not). */
  static final Event END = Event.newBuilder().setType(Event.Type.UNKNOWN).build();

  final HttpResponse<InputStream> response;
  final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile boolean ended;

  EventStream(HttpResponse<InputStream> response) {
    this.response = response;
    Encoding enc = Encoding.ofMediaType(response.headers().firstValue("Content-Type").orElse("")).orElse(null);
    this.reader = new Thread(() -> read(response.body(), enc), "test-event-reader");
    reader.setDaemon(true);
    if (response.statusCode() == 200 && enc != null) {
      reader.start();
    } else {
      ended = true;
    }
  }

  int status() {
    return response.statusCode();
  }

  String streamId() {
    return response.headers().firstValue("Mesos-Stream-Id").orElse(null);
  }

  private void read(InputStream in, Encoding enc) {
    try {
      while (true) {
        long length = 0;
        int c;
        int digits = 0;
        while ((c = in.read()) != '\n') {
          if (c < 0) {
            throw new EOFException();
          }
          if (c < '0' || c > '9') {
            throw new IOException("not a RecordIO length digit: " + c);
          }
          length = length * 10 + (c - '0');
          digits++;
        }
        if (digits == 0 || length == 0) {
          throw new IOException("empty RecordIO length");
        }
        byte[] record = in.readNBytes((int) length);
        if (record.length < length) {
          throw new EOFException();
        }
        events.add(enc.decode(ByteString.fromArrayUnsafe(record), Event.getDefaultInstance()));
      }
    } catch (IOException | MalformedMessageException e) {
      ended = true;
      events.add(END);
    }
  }

  /** The next event, or null after {@code timeout}. */
  Event poll(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next event matching {@code p} within the timeout, skipping others; fails otherwise. */
  Event await(Predicate<Event> p, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Event.Type> skipped = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no " + what + " within " + timeout + "; skipped " + skipped);
      }
      if (p.test(e)) {
        return e;
      }
      if (e == END) {
        throw new AssertionError("stream ended before " + what + "; skipped " + skipped);
      }
      skipped.add(e.getType());
    }
  }

  Event await(Event.Type type) throws InterruptedException {
    return await(e -> e.getType() == type, PlainScheduler.TIMEOUT, type.name());
  }

  /** Asserts that no event matching {@code p} arrives within {@code window}. */
  void assertNone(Predicate<Event> p, Duration window, String what) throws InterruptedException {
    long deadline = System.nanoTime() + window.toNanos();
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      Event e = events.poll(left, TimeUnit.NANOSECONDS);
      if (e != null && p.test(e)) {
        throw new AssertionError("unexpected " + what + ": " + e);
      }
    }
  }

  /** Waits until the body has ended (the master closed the stream). */
  void awaitEnd() throws InterruptedException {
    await(e -> e == END, PlainScheduler.TIMEOUT, "end of stream");
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // already gone
    }
    reader.interrupt();
  }
}
