package io.k8sm.framework.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrettyTest {

  @ParameterizedTest(name = "pretty={0}, User-Agent={1} -> {2}")
  @CsvSource(nullValues = "-", value = {
      "-,     Java-http-client/17.0.15, false",
      "-,     -,                        false",
      "-,     kubectl/v1.32.4,          false",
      "-,     curl/8.5.0,               true",
      "-,     Wget/1.21,                true",
      "-,     Mozilla/5.0 (X11),        true",
      "true,  Java-http-client/17,      true",
      "1,     -,                        true",
      "True,  -,                        true",
      "t,     -,                        true",
      "false, curl/8.5.0,               false",
      "0,     curl/8.5.0,               false",
      "yes,   -,                        false",
      "'',    curl/8.5.0,               true",
  })
  void followsTheKubernetesApiServer(String param, String agent, boolean pretty) {
    assertEquals(pretty, Pretty.wanted(Optional.ofNullable(param), Optional.ofNullable(agent)));
  }
}
