package io.k8sm.framework.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A v1beta1 label selector: comma-separated {@code key=value}, {@code key==value} or
 * {@code key!=value} terms, all of which must hold. Empty selects everything.
 */
public record LabelSelector(List<Term> terms) {

  public record Term(String key, String value, boolean equal) {
    boolean matches(Map<String, String> labels) {
      return Objects.equals(labels.get(key), value) == equal;
    }
  }

  public static final LabelSelector ALL = new LabelSelector(List.of());

  /** Parses a selector; throws IllegalArgumentException with a readable message when malformed. */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) return ALL;
    List<Term> terms = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      int ne = p.indexOf("!=");
      int eq = p.indexOf('=');
      Term t;
      if (ne > 0) {
        t = new Term(p.substring(0, ne).trim(), p.substring(ne + 2).trim(), false);
      } else if (eq > 0) {
        int skip = p.startsWith("==", eq) ? 2 : 1;
        t = new Term(p.substring(0, eq).trim(), p.substring(eq + skip).trim(), true);
      } else {
        throw new IllegalArgumentException("label selector term '" + p + "' is not key=value or key!=value");
      }
      if (t.key().isEmpty() || t.value().contains("=")) {
        throw new IllegalArgumentException("label selector term '" + p + "' is not key=value or key!=value");
      }
      terms.add(t);
    }
    return new LabelSelector(List.copyOf(terms));
  }

  public boolean matches(Map<String, String> labels) {
    for (Term t : terms) {
      if (!t.matches(labels)) return false;
    }
    return true;
  }

  /** True when this selector selects everything. */
  public boolean isAll() {
    return terms.isEmpty();
  }
}
