package io.k8sm.local.http;

import akka.NotUsed;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.codec.MesosMediaTypes;

/**
 * The responses the Mesos master and agent give on their v1 APIs: bodiless 202s, plain-text errors,
 * and the chunked event stream whose Content-Type echoes the negotiated encoding.
 */
public final class Responses {
  private Responses() {}

  public static HttpResponse accepted() {
    return HttpResponse.create().withStatus(StatusCodes.ACCEPTED);
  }

  public static HttpResponse error(int status, String message) {
    return error(StatusCodes.get(status), message);
  }

  public static HttpResponse error(StatusCode status, String message) {
    return HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, message));
  }

  public static HttpResponse badRequest(String message) {
    return error(StatusCodes.BAD_REQUEST, message);
  }

  public static HttpResponse forbidden(String message) {
    return error(StatusCodes.FORBIDDEN, message);
  }

  /** 200 with a never-ending chunked body whose Content-Type echoes the negotiated encoding. */
  public static HttpResponse stream(Encoding encoding, Source<ByteString, NotUsed> body) {
    return HttpResponse.create().withStatus(StatusCodes.OK)
        .withEntity(HttpEntities.createChunked(MesosMediaTypes.contentType(encoding), body));
  }
}
