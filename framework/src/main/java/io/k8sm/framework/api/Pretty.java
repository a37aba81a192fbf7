package io.k8sm.framework.api;

import java.util.Optional;
import java.util.Set;

/**
 * Whether a response is indented, decided as the Kubernetes API server decides it: the
 * {@code pretty} query parameter wins when given ({@code true}/{@code 1} and the other spellings
 * Go's {@code strconv.ParseBool} accepts; anything else means compact); without it, clients whose
 * User-Agent starts with {@code curl}, {@code Wget} or {@code Mozilla/5.0} (people at a terminal
 * or a browser) get indented JSON and every other client compact JSON. Pure.
 */
public final class Pretty {
  private Pretty() {}

  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final String[] HUMAN_AGENTS = {"curl", "Wget", "Mozilla/5.0"};

  public static boolean wanted(Optional<String> prettyParam, Optional<String> userAgent) {
    if (prettyParam.isPresent() && !prettyParam.get().isEmpty()) {
      return TRUE.contains(prettyParam.get());
    }
    String agent = userAgent.orElse("");
    for (String human : HUMAN_AGENTS) {
      if (agent.startsWith(human)) return true;
    }
    return false;
  }
}
