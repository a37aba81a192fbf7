package io.k8sm.local;

/**
 * Checks the --resources flag for the real agent. The agent owns the parser of Mesos-style resource
 * strings; this only rejects what is clearly not one before anything starts.
 */
final class AgentResources {
  private AgentResources() {}

  static void validate(String spec) {
    for (String part : spec.split(";")) {
      String p = part.trim();
      int colon = p.indexOf(':');
      if (colon <= 0 || colon == p.length() - 1) {
        throw new IllegalArgumentException("--resources: '" + p + "' is not of the form name:value");
      }
    }
  }
}
