package io.k8sm.protocol.codec;

import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.MediaTypes;
import akka.http.javadsl.settings.ServerSettings;
import java.util.Map;
import java.util.Optional;

/**
 * The Mesos media types in Akka HTTP terms, for clients and for servers that must judge a request's
 * Content-Type as strictly as Mesos does (exact string equality).
 *
 * <p>Akka knows {@code application/json} as a fixed-charset type and silently drops a
 * {@code charset} parameter when parsing it, so a server would see {@code application/json; charset=utf-8}
 * as plain JSON where Mesos answers 415. {@link #withExactContentTypes} re-registers it with an open
 * charset so the parameter survives and {@link #encodingOf} can refuse it.
 */
public final class MesosMediaTypes {
  /** {@code application/x-protobuf}, binary: rendered without any parameter. */
  public static final ContentType PROTOBUF =
      ContentTypes.create(MediaTypes.customBinary("application", "x-protobuf", false));

  private MesosMediaTypes() {}

  /** The exact content type to send (Akka renders {@code application/json} without a charset). */
  public static ContentType contentType(Encoding encoding) {
    return encoding == Encoding.JSON ? ContentTypes.APPLICATION_JSON : PROTOBUF;
  }

  /** Server settings under which request Content-Type parameters stay visible to {@link #encodingOf}. */
  public static ServerSettings withExactContentTypes(ServerSettings settings) {
    // x-protobuf stays unregistered on purpose: Akka then parses it as an open-charset type and
    // keeps a charset parameter, where a registered binary type would drop it.
    return settings.withParserSettings(settings.getParserSettings().withCustomMediaTypes(
        MediaTypes.customWithOpenCharset("application", "json", Map.of(), false)));
  }

  /** The entity's Content-Type as Akka parsed it, e.g. {@code application/json; charset=UTF-8}. */
  public static String contentTypeOf(HttpEntity entity) {
    return ((akka.http.scaladsl.model.ContentType) entity.getContentType()).value();
  }

  /**
   * The encoding of a request body, or empty when its Content-Type is not exactly one of the two
   * (Mesos answers 415 then). Exact only on a server built with {@link #withExactContentTypes}.
   */
  public static Optional<Encoding> encodingOf(HttpEntity entity) {
    return Encoding.ofMediaType(contentTypeOf(entity));
  }
}
