package io.k8sm.executor.docker;

/**
 * An image reference split the way the pull API wants it: repository plus tag (or digest).
 * {@code busybox} means {@code busybox:latest}; a colon before the last slash is a registry port.
 */
public record ImageRef(String repository, String tag) {
  public static ImageRef parse(String image) {
    int at = image.indexOf('@');
    if (at >= 0) {
      return new ImageRef(image.substring(0, at), image.substring(at + 1));
    }
    int colon = image.lastIndexOf(':');
    if (colon > image.lastIndexOf('/')) {
      return new ImageRef(image.substring(0, colon), image.substring(colon + 1));
    }
    return new ImageRef(image, "latest");
  }
}
