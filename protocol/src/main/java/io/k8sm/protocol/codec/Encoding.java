package io.k8sm.protocol.codec;

import akka.util.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The two bodies the Mesos v1 HTTP APIs accept: JSON with proto field names, enum names and base64
 * bytes, or serialized protobuf. Content types are compared by exact string equality, as Mesos does
 * ({@code application/json; charset=utf-8} is not {@code application/json}).
 *
 * <p>Two dialects of JSON. Clients use {@link #encode}/{@link #decode}: protobuf's JsonFormat, which
 * is lenient when reading (it also takes camelCase keys and enum numbers). Servers that stand in for
 * Mesos use {@link #decodeStrict}/{@link #encodeAsMesos}, which read and write JSON exactly as a
 * Mesos master or agent does ({@link MesosJsonReader}, {@link MesosJsonWriter}).
 */
public enum Encoding {
  JSON("application/json"),
  PROTOBUF("application/x-protobuf");

  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private final String mediaType;

  Encoding(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The exact media type, used for both Content-Type and Accept. */
  public String mediaType() {
    return mediaType;
  }

  /** The encoding whose media type equals {@code contentType} exactly; empty otherwise. */
  public static Optional<Encoding> ofMediaType(String contentType) {
    return Arrays.stream(values()).filter(e -> e.mediaType.equals(contentType)).findFirst();
  }

  /** Parses {@code json} or {@code protobuf} (any case), as written in configuration. */
  public static Encoding ofConfig(String name) {
    return switch (name.trim().toLowerCase()) {
      case "json" -> JSON;
      case "protobuf", "proto", "x-protobuf" -> PROTOBUF;
      default -> throw new IllegalArgumentException(
          "unknown encoding '" + name + "': expected json or protobuf");
    };
  }

  public ByteString encode(Message message) {
    if (this == PROTOBUF) {
      return ByteString.fromArrayUnsafe(message.toByteArray());
    }
    try {
      return ByteString.fromString(PRINTER.print(message), StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + message.getDescriptorForType().getName(), e);
    }
  }

  /**
   * Encodes {@code message} as a Mesos master or agent writes it: JSON by {@link MesosJsonWriter}
   * (64-bit integers unquoted, unset fields with an explicit proto default included), protobuf as
   * {@link #encode} does.
   */
  public ByteString encodeAsMesos(Message message) {
    return this == PROTOBUF ? encode(message) : ByteString.fromString(MesosJsonWriter.print(message), StandardCharsets.UTF_8);
  }

  /**
   * Decodes {@code bytes} into a message of {@code prototype}'s type. Required proto2 fields are
   * checked: a body missing one is as malformed as one that does not parse.
   */
  public <M extends Message> M decode(ByteString bytes, M prototype) throws MalformedMessageException {
    return decode(bytes, prototype, false);
  }

  /**
   * Decodes {@code bytes} as a Mesos master or agent reads a request body. JSON keys are proto field
   * names only (others, camelCase ones included, are dropped, so a required field given in camelCase
   * is missing), enum values are names only (a number is malformed); see {@link MesosJsonReader}.
   * Protobuf bodies decode as with {@link #decode}.
   */
  public <M extends Message> M decodeStrict(ByteString bytes, M prototype) throws MalformedMessageException {
    return decode(bytes, prototype, true);
  }

  @SuppressWarnings("unchecked")
  private <M extends Message> M decode(ByteString bytes, M prototype, boolean strict) throws MalformedMessageException {
    Message.Builder builder = prototype.newBuilderForType();
    try {
      if (this == PROTOBUF) {
        builder.mergeFrom(bytes.toArrayUnsafe());
      } else if (strict) {
        MesosJsonReader.merge(bytes.decodeString(StandardCharsets.UTF_8), builder);
      } else {
        PARSER.merge(bytes.decodeString(StandardCharsets.UTF_8), builder);
      }
    } catch (MalformedMessageException | InvalidProtocolBufferException | RuntimeException e) {
      throw new MalformedMessageException(
          "Failed to parse body into " + prototype.getDescriptorForType().getName() + ": " + e.getMessage(), e);
    }
    if (!builder.isInitialized()) {
      throw new MalformedMessageException(
          "Missing required fields: " + String.join(", ", builder.findInitializationErrors()), null);
    }
    return (M) builder.build();
  }
}
