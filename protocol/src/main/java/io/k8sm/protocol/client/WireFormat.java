package io.k8sm.protocol.client;

import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.headers.RawHeader;
import akka.util.ByteString;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.codec.MesosMediaTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds requests exactly as Mesos wants them. Mesos compares Content-Type by string equality, so
 * JSON goes out as Akka's fixed-charset {@code application/json} (rendered without a charset
 * parameter) and protobuf as a custom binary media type {@code application/x-protobuf}; Accept is
 * the same string.
 */
final class WireFormat {
  static final String STREAM_ID = "Mesos-Stream-Id";

  private WireFormat() {}

  /** A POST of {@code body} to {@code target} (an absolute URI or an origin-form path). */
  static HttpRequest post(String target, Encoding encoding, ByteString body, Map<String, String> extra,
      Optional<String> streamId) {
    List<HttpHeader> headers = new ArrayList<>();
    headers.add(RawHeader.create("Accept", encoding.mediaType()));
    extra.forEach((name, value) -> headers.add(RawHeader.create(name, value)));
    streamId.ifPresent(id -> headers.add(RawHeader.create(STREAM_ID, id)));
    return HttpRequest.POST(target)
        .withEntity(HttpEntities.create(MesosMediaTypes.contentType(encoding), body))
        .addHeaders(headers);
  }
}
