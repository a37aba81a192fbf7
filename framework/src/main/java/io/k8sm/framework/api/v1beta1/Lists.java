package io.k8sm.framework.api.v1beta1;

import java.util.Arrays;
import java.util.List;

/** Lists read from JSON, kept at their exact size for as long as the pod lives. */
final class Lists {
  private Lists() {}

  /**
   * The same elements (nulls too, so validation still sees them) in an array of exactly their
   * number: Jackson's ArrayList keeps room for ten, which every pod would carry for its life.
   */
  static <T> List<T> exact(List<T> list) {
    if (list == null) return null;
    @SuppressWarnings("unchecked")
    T[] items = (T[]) list.toArray();
    return Arrays.asList(items);
  }
}
