package io.k8sm.protocol.client;

import com.typesafe.config.Config;
import io.k8sm.protocol.codec.Encoding;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a {@link MesosClient} talks to Mesos: where (the masters, or one agent, and the API path),
 * in which body encoding, and how patiently (timeouts, heartbeat tolerance, redirect and retry
 * limits). Immutable; the {@code withX} methods return changed copies.
 *
 * @param masters base URLs tried in order until one answers, e.g. {@code http://127.0.0.1:5050}
 * @param path the API path, {@code /api/v1/scheduler} or {@code /api/v1/executor}
 * @param encoding body encoding of calls and events
 * @param maxRecordBytes largest event accepted on the stream
 * @param requestTimeout how long a call (and the SUBSCRIBE response head) may take
 * @param heartbeatMisses heartbeat intervals of silence after which the stream counts as dead
 * @param backoffMin first wait after a 503
 * @param backoffMax the wait after a 503 doubles up to this
 * @param maxRedirects 307 redirects followed per subscription attempt
 * @param subscribeAttempts SUBSCRIBE requests answered 503 before giving up
 * @param headers added to every request (e.g. {@code Authorization})
 */
public record ClientSettings(
    List<URI> masters,
    String path,
    Encoding encoding,
    long maxRecordBytes,
    Duration requestTimeout,
    int heartbeatMisses,
    Duration backoffMin,
    Duration backoffMax,
    int maxRedirects,
    int subscribeAttempts,
    Map<String, String> headers) {

  public ClientSettings {
    masters = List.copyOf(masters);
    headers = Map.copyOf(headers);
    require(!masters.isEmpty(), "at least one master URL is needed");
    for (URI m : masters) {
      require(m.getHost() != null && ("http".equals(m.getScheme()) || "https".equals(m.getScheme())),
          "master URL must be http(s)://host[:port], got " + m);
    }
    require(path != null && path.startsWith("/"), "path must start with '/', got " + path);
    require(encoding != null, "encoding is required");
    require(maxRecordBytes > 0, "max-record-bytes must be positive, got " + maxRecordBytes);
    require(positive(requestTimeout), "request-timeout must be positive, got " + requestTimeout);
    require(heartbeatMisses > 0, "heartbeat-misses must be positive, got " + heartbeatMisses);
    require(positive(backoffMin), "backoff-min must be positive, got " + backoffMin);
    require(positive(backoffMax) && backoffMax.compareTo(backoffMin) >= 0,
        "backoff-max must be at least backoff-min (" + backoffMin + "), got " + backoffMax);
    require(maxRedirects >= 0, "max-redirects must not be negative, got " + maxRedirects);
    require(subscribeAttempts > 0, "subscribe-attempts must be positive, got " + subscribeAttempts);
    for (String name : headers.keySet()) {
      require(!RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT)),
          "header " + name + " is set by the client itself and cannot be given in headers");
    }
  }

  /** Headers the client owns: Mesos checks them exactly, or HTTP framing depends on them. */
  private static final Set<String> RESERVED_HEADERS = Set.of(
      "content-type", "accept", "mesos-stream-id", "content-length", "transfer-encoding", "host");

  /** Reads {@code k8sm.protocol} from the whole configuration. */
  public static ClientSettings fromConfig(Config config, List<URI> masters, String path) {
    Config c = config.getConfig("k8sm.protocol");
    return new ClientSettings(masters, path,
        Encoding.ofConfig(c.getString("encoding")),
        c.getBytes("max-record-bytes"),
        c.getDuration("request-timeout"),
        c.getInt("heartbeat-misses"),
        c.getDuration("backoff-min"),
        c.getDuration("backoff-max"),
        c.getInt("max-redirects"),
        c.getInt("subscribe-attempts"),
        Map.of());
  }

  public ClientSettings withMasters(List<URI> value) {
    return new ClientSettings(value, path, encoding, maxRecordBytes, requestTimeout, heartbeatMisses,
        backoffMin, backoffMax, maxRedirects, subscribeAttempts, headers);
  }

  public ClientSettings withPath(String value) {
    return new ClientSettings(masters, value, encoding, maxRecordBytes, requestTimeout, heartbeatMisses,
        backoffMin, backoffMax, maxRedirects, subscribeAttempts, headers);
  }

  public ClientSettings withEncoding(Encoding value) {
    return new ClientSettings(masters, path, value, maxRecordBytes, requestTimeout, heartbeatMisses,
        backoffMin, backoffMax, maxRedirects, subscribeAttempts, headers);
  }

  public ClientSettings withMaxRecordBytes(long value) {
    return new ClientSettings(masters, path, encoding, value, requestTimeout, heartbeatMisses,
        backoffMin, backoffMax, maxRedirects, subscribeAttempts, headers);
  }

  public ClientSettings withRequestTimeout(Duration value) {
    return new ClientSettings(masters, path, encoding, maxRecordBytes, value, heartbeatMisses,
        backoffMin, backoffMax, maxRedirects, subscribeAttempts, headers);
  }

  public ClientSettings withHeartbeatMisses(int value) {
    return new ClientSettings(masters, path, encoding, maxRecordBytes, requestTimeout, value,
        backoffMin, backoffMax, maxRedirects, subscribeAttempts, headers);
  }

  public ClientSettings withBackoff(Duration min, Duration max) {
    return new ClientSettings(masters, path, encoding, maxRecordBytes, requestTimeout, heartbeatMisses,
        min, max, maxRedirects, subscribeAttempts, headers);
  }

  public ClientSettings withMaxRedirects(int value) {
    return new ClientSettings(masters, path, encoding, maxRecordBytes, requestTimeout, heartbeatMisses,
        backoffMin, backoffMax, value, subscribeAttempts, headers);
  }

  public ClientSettings withSubscribeAttempts(int value) {
    return new ClientSettings(masters, path, encoding, maxRecordBytes, requestTimeout, heartbeatMisses,
        backoffMin, backoffMax, maxRedirects, value, headers);
  }

  /** Replaces the extra headers (e.g. {@code Map.of("Authorization", "Bearer " + token)}). */
  public ClientSettings withHeaders(Map<String, String> value) {
    return new ClientSettings(masters, path, encoding, maxRecordBytes, requestTimeout, heartbeatMisses,
        backoffMin, backoffMax, maxRedirects, subscribeAttempts, value);
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean ok, String reason) {
    if (!ok) {
      throw new IllegalArgumentException(reason);
    }
  }
}
