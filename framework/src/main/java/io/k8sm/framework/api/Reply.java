package io.k8sm.framework.api;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.util.ByteString;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.k8sm.framework.api.v1beta1.Status;

/**
 * How one request's JSON responses are written: compact, or indented when {@link Pretty} says the
 * client wants it. Cached compact bytes are sent as they are (no copy) or re-indented.
 */
record Reply(boolean pretty) {

  static Reply to(HttpRequest request) {
    return new Reply(Pretty.wanted(request.getUri().query().get("pretty"),
        request.getHeader("User-Agent").map(HttpHeader::value)));
  }

  HttpResponse json(int code, Object body) {
    try {
      byte[] bytes = (pretty ? Json.PRETTY : Json.COMPACT).writeValueAsBytes(body);
      return bytes(code, ByteString.fromArrayUnsafe(bytes));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + body.getClass().getSimpleName(), e);
    }
  }

  HttpResponse status(Status s) {
    return json(s.code(), s);
  }

  /** Already rendered compact JSON, indented here when this reply is pretty. */
  HttpResponse cached(int code, ByteString compact) {
    return bytes(code, pretty ? ByteString.fromArrayUnsafe(PodJson.indent(compact)) : compact);
  }

  private static HttpResponse bytes(int code, ByteString body) {
    return HttpResponse.create().withStatus(code).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
  }
}
