package io.k8sm.local.master;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.MediaType;
import akka.http.javadsl.model.MediaTypes;
import akka.http.javadsl.model.headers.Accept;
import akka.http.javadsl.model.MediaRange;
import io.k8sm.protocol.codec.Encoding;
import java.util.Map;
import java.util.Optional;

/**
 * The header rules of the Mesos HTTP API that Akka HTTP's models would otherwise blur. The server
 * is bound with {@link #PARSER_MEDIA_TYPES}, under which the parsed Content-Type keeps a charset or
 * any parameter the client sent, and an explicit {@code application/octet-stream} is told apart from
 * a missing header, so the exact-string rule of Mesos can be applied.
 */
public final class WireChecks {
  /** Marks a Content-Type that the client really sent as application/octet-stream. */
  private static final String EXPLICIT = "k8sm-explicit";

  /** Custom media types for the server's parser settings. */
  public static final MediaType[] PARSER_MEDIA_TYPES = {
    MediaTypes.customWithOpenCharset("application", "json", Map.of(), false),
    MediaTypes.customBinary("application", "octet-stream", false, Map.of(EXPLICIT, "1"), false),
  };

  static final MediaType.Binary PROTOBUF = MediaTypes.customBinary("application", "x-protobuf", false);
  private static final MediaType APP_NOMATCH = MediaTypes.customBinary("application", "k8sm-nomatch", false);
  private static final MediaType TEXT_NOMATCH = MediaTypes.customBinary("text", "k8sm-nomatch", false);

  private WireChecks() {}

  /** The Content-Type as the client wrote it (up to case), or empty when there was none. */
  public static Optional<String> contentType(HttpRequest request) {
    Optional<String> unparsed = request.getHeader("content-type").map(h -> h.value());
    if (unparsed.isPresent()) {
      return unparsed;
    }
    var ct = request.entity().getContentType();
    if (ct.equals(ContentTypes.APPLICATION_OCTET_STREAM)) {
      return Optional.empty();
    }
    return Optional.of(ct.toString().replace("; " + EXPLICIT + "=1", ""));
  }

  /**
   * The stream encoding for SUBSCRIBE from the Accept header, as Mesos chooses it: no header means
   * anything goes and JSON wins; otherwise JSON if acceptable, else protobuf if acceptable.
   */
  public static Optional<Encoding> streamEncoding(HttpRequest request) {
    if (request.getHeader("accept").isEmpty()) {
      return Optional.of(Encoding.JSON);
    }
    Optional<Accept> accept = request.getHeader(Accept.class);
    if (accept.isEmpty()) {
      return Optional.empty();
    }
    if (acceptable(accept.get(), MediaTypes.APPLICATION_JSON)) {
      return Optional.of(Encoding.JSON);
    }
    if (acceptable(accept.get(), PROTOBUF)) {
      return Optional.of(Encoding.PROTOBUF);
    }
    return Optional.empty();
  }

  /** The q-value of the most specific matching range decides (q=0 means "not this"). */
  private static boolean acceptable(Accept accept, MediaType type) {
    int bestSpecificity = -1;
    float q = 0;
    for (MediaRange r : accept.getMediaRanges()) {
      if (!r.matches(type)) {
        continue;
      }
      int specificity = !r.matches(APP_NOMATCH) ? 2 : r.matches(TEXT_NOMATCH) ? 0 : 1;
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        q = r.qValue();
      }
    }
    return bestSpecificity >= 0 && q > 0;
  }

  /** The stream's Content-Type echoes the chosen encoding (not application/recordio). */
  static akka.http.javadsl.model.ContentType streamContentType(Encoding e) {
    return e == Encoding.JSON ? ContentTypes.APPLICATION_JSON : ContentTypes.create(PROTOBUF);
  }
}
