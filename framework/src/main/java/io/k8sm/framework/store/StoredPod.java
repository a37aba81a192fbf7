package io.k8sm.framework.store;

/**
 * A pod as the read side keeps it: the record and its JSON, rendered once by the object store
 * when the record was stored (compact, UTF-8). The API answers GETs with these bytes as they are.
 *
 * <p>Invariant: {@code json} is the rendering of exactly this {@code record} (its resourceVersion
 * included) and is never changed after construction; nobody may write into the array. It is null
 * only when rendering failed in the store (logged there); a reader then renders the record itself.
 */
public record StoredPod(PodRecord record, byte[] json) {

  public String key() {
    return record.key();
  }
}
