package io.k8sm.executor.docker;

/** The Docker engine could not be reached at all (socket missing, daemon down, refused). */
public final class DockerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DockerUnavailableException(String dockerHost, Throwable cause) {
    super("Docker engine at " + dockerHost + " is unreachable: " + rootMessage(cause), cause);
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
