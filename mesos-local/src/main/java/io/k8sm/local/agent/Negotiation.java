package io.k8sm.local.agent;

import io.k8sm.protocol.codec.Encoding;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks the encoding of a SUBSCRIBE stream from the Accept header, as Mesos does: no header accepts
 * everything; JSON wins when both are acceptable; neither acceptable means 406 (empty here).
 */
final class Negotiation {
  private Negotiation() {}

  static Optional<Encoding> streamEncoding(Optional<String> accept) {
    if (accept.isEmpty() || accept.get().isBlank()) {
      return Optional.of(Encoding.JSON);
    }
    Set<String> ranges = Arrays.stream(accept.get().split(","))
        .map(r -> r.split(";", 2)[0].trim().toLowerCase())
        .collect(Collectors.toSet());
    boolean any = ranges.contains("*/*") || ranges.contains("application/*");
    if (any || ranges.contains(Encoding.JSON.mediaType())) {
      return Optional.of(Encoding.JSON);
    }
    if (ranges.contains(Encoding.PROTOBUF.mediaType())) {
      return Optional.of(Encoding.PROTOBUF);
    }
    return Optional.empty();
  }
}
