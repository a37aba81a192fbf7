package io.k8sm.local.http;

import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpRequest;
import io.k8sm.protocol.codec.Encoding;
import java.util.Optional;

/**
 * The media type rules the Mesos master and agent share (libprocess and their HTTP handlers), for
 * requests served by {@link MesosHttpServer}:
 * <ul>
 *   <li>Content-Type: missing is 400; anything but exactly {@code application/json} or
 *       {@code application/x-protobuf} (case and parameters count) is 415.</li>
 *   <li>Accept, for a streaming SUBSCRIBE: a missing header accepts everything; otherwise a type
 *       is acceptable when the first range naming it exactly, else {@code type/*}, else
 *       {@code *}{@code /*}, has no q or a q above 0 (ranges compared ignoring case). JSON wins
 *       when both are acceptable; neither is 406.</li>
 * </ul>
 * Served by another Akka HTTP server (no {@link RawHeaderCopier}), the rules fall back to Akka's
 * parsed headers, which cannot show letter case or tell an explicit octet-stream from none.
 */
public final class MediaRules {
  /** Either the body's encoding or the status and reason Mesos answers instead. */
  public record BodyEncoding(Optional<Encoding> encoding, int status, String reason) {
    static BodyEncoding of(Encoding e) {
      return new BodyEncoding(Optional.of(e), 200, "");
    }

    static BodyEncoding refused(int status, String reason) {
      return new BodyEncoding(Optional.empty(), status, reason);
    }
  }

  public static final String NOT_ACCEPTABLE = "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'";

  private MediaRules() {}

  /** The encoding of the request body from its Content-Type exactly as sent. */
  public static BodyEncoding bodyEncoding(HttpRequest request) {
    Optional<String> contentType = copied(request)
        ? request.getHeader(RawHeaderCopier.RAW_CONTENT_TYPE).map(h -> h.value())
        : parsedContentType(request);
    if (contentType.isEmpty()) {
      return BodyEncoding.refused(400, "Expecting 'Content-Type' to be present");
    }
    return Encoding.ofMediaType(contentType.get()).map(BodyEncoding::of).orElseGet(() -> BodyEncoding.refused(415,
        "Expecting 'Content-Type' of application/json or application/x-protobuf"));
  }

  /** The encoding of a SUBSCRIBE's event stream, or empty for 406 ({@link #NOT_ACCEPTABLE}). */
  public static Optional<Encoding> streamEncoding(HttpRequest request) {
    Optional<String> accept = request.getHeader(copied(request) ? RawHeaderCopier.RAW_ACCEPT : "Accept")
        .map(h -> h.value());
    if (accept(accept, Encoding.JSON.mediaType())) {
      return Optional.of(Encoding.JSON);
    }
    if (accept(accept, Encoding.PROTOBUF.mediaType())) {
      return Optional.of(Encoding.PROTOBUF);
    }
    return Optional.empty();
  }

  private static boolean copied(HttpRequest request) {
    return request.getHeader(RawHeaderCopier.COPIED).isPresent();
  }

  private static Optional<String> parsedContentType(HttpRequest request) {
    Optional<String> unparsable = request.getHeader("Content-Type").map(h -> h.value());
    if (unparsable.isPresent()) {
      return unparsable;
    }
    ContentType type = request.entity().getContentType();
    boolean none = type.equals(ContentTypes.APPLICATION_OCTET_STREAM) || type.equals(ContentTypes.NO_CONTENT_TYPE);
    return none ? Optional.empty() : Optional.of(type.toString());
  }

  /** Whether an Accept header value (empty: no header) admits {@code mediaType}. */
  static boolean accept(Optional<String> header, String mediaType) {
    if (header.isEmpty()) {
      return true;
    }
    String ranges = header.get().replace(" ", "").replace("\t", "").replace("\n", "");
    String[] candidates = {mediaType, mediaType.substring(0, mediaType.indexOf('/')) + "/*", "*/*"};
    for (String candidate : candidates) {
      for (String range : ranges.split(",")) {
        String[] parts = range.split(";");
        if (parts.length == 0 || !parts[0].equalsIgnoreCase(candidate)) {
          continue;
        }
        return qAboveZero(parts);
      }
    }
    return false;
  }

  /** No q, or a malformed one, accepts; so does a number above 0. */
  private static boolean qAboveZero(String[] parts) {
    String q = null;
    int qs = 0;
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", -1);
      if (kv[0].equals("q")) {
        qs++;
        q = kv.length == 2 ? kv[1] : null;
      }
    }
    if (qs != 1 || q == null) {
      return true;
    }
    try {
      return Double.parseDouble(q) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
