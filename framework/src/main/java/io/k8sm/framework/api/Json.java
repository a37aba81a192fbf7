package io.k8sm.framework.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The API's one JSON mapper: unknown input fields are ignored (as Kubernetes did), nulls left out,
 * and every string value read is interned: pods repeat the same images, label values, versions and
 * container names thousands of times, and each pod keeps its spec for its whole life.
 * Responses use {@link #COMPACT} or {@link #PRETTY} (see {@link Pretty}); {@code MAPPER} itself
 * indents, as it always has, for the other users that write with it.
 */
public final class Json {
  private Json() {}

  public static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
      .configure(SerializationFeature.INDENT_OUTPUT, true)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .registerModule(new SimpleModule("interned-strings").addDeserializer(String.class, new Interned()));

  /** One line, no spaces: what machines get, and what the object store caches per pod. */
  public static final ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  /** Indented with two spaces per level, for people. */
  public static final ObjectWriter PRETTY = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);

  /**
   * Strings as Jackson reads them, then {@link String#intern()}ed: equal values read for different
   * pods (or twice in one pod, like its id) share one instance. The JVM's string table does not
   * keep an interned string alive once nothing else refers to it.
   */
  private static final class Interned extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String s = super.deserialize(p, ctxt);
      return s == null ? null : s.intern();
    }
  }
}
