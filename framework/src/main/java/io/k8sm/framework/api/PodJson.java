package io.k8sm.framework.api;

import akka.util.ByteString;
import akka.util.ByteStringBuilder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.framework.store.StoredPod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Pod JSON as bytes. {@link #render} is what the object store caches per record; a list is the
 * cached items joined inside the {@code PodList} envelope, without serialising any pod again; an
 * indented response is the compact one re-indented token by token. Pure.
 *
 * <p>Invariant: {@code list(v, pods)} equals the compact Jackson rendering of
 * {@code PodList.of(v, pods rendered by PodViews)} byte for byte.
 */
public final class PodJson {
  private PodJson() {}

  private static final byte[] COMMA = {','};

  /** The pod as {@code GET /api/v1beta1/pods/<id>} shows it, compact UTF-8. */
  public static byte[] render(PodRecord record) {
    try {
      return Json.COMPACT.writeValueAsBytes(PodViews.toV1beta1(record));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render pod " + record.key(), e);
    }
  }

  /** The pod's cached JSON, or a fresh rendering where the store could not render it. */
  public static byte[] cached(StoredPod pod) {
    return pod.json() != null ? pod.json() : render(pod.record());
  }

  /** A {@code PodList} at {@code resourceVersion} of the pods' cached JSON, sharing their bytes. */
  public static ByteString list(long resourceVersion, List<StoredPod> pods) {
    ByteStringBuilder out = ByteString.createBuilder();
    out.append(ByteString.fromString(
        "{\"kind\":\"PodList\",\"apiVersion\":\"v1beta1\",\"resourceVersion\":" + resourceVersion + ",\"items\":[",
        StandardCharsets.UTF_8));
    for (int i = 0; i < pods.size(); i++) {
      if (i > 0) out.append(ByteString.fromArrayUnsafe(COMMA));
      out.append(ByteString.fromArrayUnsafe(cached(pods.get(i))));
    }
    out.append(ByteString.fromString("]}", StandardCharsets.UTF_8));
    return out.result();
  }

  /** The same JSON indented as {@link Json#PRETTY} would have written it. */
  public static byte[] indent(ByteString compact) {
    JsonFactory factory = Json.MAPPER.getFactory();
    ByteArrayOutputStream out = new ByteArrayOutputStream(compact.size() * 2);
    try (JsonParser in = factory.createParser(compact.toArrayUnsafe());
        JsonGenerator gen = factory.createGenerator(out).setPrettyPrinter(new DefaultPrettyPrinter())) {
      in.nextToken();
      gen.copyCurrentStructure(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot indent JSON", e);
    }
    return out.toByteArray();
  }
}
