package io.k8sm.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a 307 points and how long a 503 waits: pure tables. */
class SubscribePolicyTest {
  private static final URI ASKED = URI.create("http://10.0.0.1:5050/api/v1/scheduler");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "//10.0.0.2:5050/api/v1/scheduler, http://10.0.0.2:5050/api/v1/scheduler",
      "//leader.example:5051/master/api/v1/scheduler, http://leader.example:5051/master/api/v1/scheduler",
      "//10.0.0.2:5050, http://10.0.0.2:5050/api/v1/scheduler",
      "https://10.0.0.3:5050/api/v1/scheduler, https://10.0.0.3:5050/api/v1/scheduler",
      "/other/path, http://10.0.0.1:5050/other/path",
      "' //10.0.0.2:5050/api/v1/scheduler ', http://10.0.0.2:5050/api/v1/scheduler",
  })
  void resolvesLocationAgainstTheAskedUri(String location, String expected) {
    assertEquals(URI.create(expected), SubscribePolicy.redirectTarget(ASKED, location));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://", "//:5050/x", "::nonsense::"})
  void rejectsLocationsWithoutAHost(String location) {
    assertThrows(IllegalArgumentException.class, () -> SubscribePolicy.redirectTarget(ASKED, location));
  }

  @ParameterizedTest(name = "retry {0} waits {1} ms")
  @CsvSource({"1, 100", "2, 200", "3, 400", "4, 800", "5, 1000", "6, 1000", "40, 1000"})
  void backoffDoublesUpToTheMaximum(int retry, long millis) {
    assertEquals(Duration.ofMillis(millis),
        SubscribePolicy.backoff(Duration.ofMillis(100), Duration.ofMillis(1000), retry));
  }
}
