package io.k8sm.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.headers.RawHeader;
import io.k8sm.protocol.codec.Encoding;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Content-Type and Accept rules of the Mesos master and agent, as tables. */
class MediaRulesTest {

  @ParameterizedTest(name = "Content-Type [{0}] -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NONE", value = {
      "NONE                              | 400",
      "application/json                  | JSON",
      "application/x-protobuf            | PROTOBUF",
      "Application/JSON                  | 415",
      "application/JSON                  | 415",
      "APPLICATION/X-PROTOBUF            | 415",
      "application/json; charset=utf-8   | 415",
      "application/json;charset=UTF-8    | 415",
      "application/octet-stream          | 415",
      "text/plain                        | 415",
  })
  void contentTypeMustBeOneOfTwoStringsExactly(String contentType, String expected) {
    HttpRequest request = copied();
    if (contentType != null) {
      request = request.addHeader(RawHeader.create(RawHeaderCopier.RAW_CONTENT_TYPE, contentType));
    }
    MediaRules.BodyEncoding result = MediaRules.bodyEncoding(request);
    String got = result.encoding().map(Encoding::name).orElse(String.valueOf(result.status()));
    assertEquals(expected, got, result.reason());
  }

  @ParameterizedTest(name = "Accept [{0}] -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NONE", value = {
      "NONE                                           | JSON",
      "application/json                               | JSON",
      "Application/JSON                               | JSON",
      "application/x-protobuf                         | PROTOBUF",
      "application/x-protobuf, application/json       | JSON",
      "*/*                                            | JSON",
      "application/*;q=0.5                            | JSON",
      "application/json;q=0, application/x-protobuf   | PROTOBUF",
      "application/json;q=0                           | NONE",
      "application/json;q=0, */*                      | PROTOBUF",
      "text/html                                      | NONE",
      "''                                             | NONE",
  })
  void streamEncodingFollowsTheAcceptHeader(String accept, String expected) {
    HttpRequest request = copied();
    if (accept != null) {
      request = request.addHeader(RawHeader.create(RawHeaderCopier.RAW_ACCEPT, accept));
    }
    assertEquals(Optional.ofNullable(expected).map(Encoding::valueOf), MediaRules.streamEncoding(request));
  }

  @Test
  void withoutTheCopierAkkasParsedHeadersAreUsed() {
    HttpRequest json = HttpRequest.POST("/api/v1/scheduler").withEntity(ContentTypes.APPLICATION_JSON, "{}");
    assertEquals(Optional.of(Encoding.JSON), MediaRules.bodyEncoding(json).encoding());
    assertEquals(400, MediaRules.bodyEncoding(HttpRequest.POST("/api/v1/scheduler")).status());
    assertEquals(Optional.of(Encoding.PROTOBUF), MediaRules.streamEncoding(json.addHeader(
        RawHeader.create("Accept", "application/x-protobuf"))));
  }

  private static HttpRequest copied() {
    return HttpRequest.POST("/api/v1/scheduler").addHeader(RawHeader.create(RawHeaderCopier.COPIED, "1"));
  }
}
