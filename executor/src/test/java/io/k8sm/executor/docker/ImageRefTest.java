package io.k8sm.executor.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {
  @ParameterizedTest
  @CsvSource({
      "busybox, busybox, latest",
      "k8sm/httpd:1, k8sm/httpd, 1",
      "registry:5000/team/app, registry:5000/team/app, latest",
      "registry:5000/team/app:2.1, registry:5000/team/app, 2.1",
      "app@sha256:abc, app, sha256:abc"})
  void splitsRepositoryAndTag(String image, String repository, String tag) {
    assertEquals(new ImageRef(repository, tag), ImageRef.parse(image));
  }
}
