package io.k8sm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Mesos duration strings, both directions. */
class MesosDurationTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
      "2secs, PT2S",
      "15mins, PT15M",
      "1.5secs, PT1.5S",
      "100ms, PT0.1S",
      "250us, PT0.00025S",
      "7ns, PT0.000000007S",
      "2hrs, PT2H",
      "1days, PT24H",
      "2weeks, PT336H",
      "0.5mins, PT30S",
      "0secs, PT0S",
      ".5secs, PT0.5S",
      "5.secs, PT5S",
      "' 3secs ', PT3S",
  })
  void parses(String text, String expected) {
    assertEquals(Duration.parse(expected), MesosDuration.parse(text));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "PT2S, 2secs",
      "PT15M, 15mins",
      "PT1.5S, 1.5secs",
      "PT0.1S, 100ms",
      "PT90S, 1.5mins",
      "PT0S, 0ns",
      "PT0.000000007S, 7ns",
      "PT0.0000015S, 1.5us",
      "PT36H, 1.5days",
      "PT336H, 2weeks",
      "PT240H, 1.42857142857143weeks",
  })
  void formatsLikeMesos(String duration, String expected) {
    assertEquals(expected, MesosDuration.format(Duration.parse(duration)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT2S", "PT15M", "PT1.5S", "PT0.1S", "PT90S", "PT0.000000007S", "PT72H", "PT1H0.5S"})
  void formatThenParseIsIdentity(String duration) {
    Duration d = Duration.parse(duration);
    assertEquals(d, MesosDuration.parse(MesosDuration.format(d)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "secs", "2 secs", "2s", "2SECS", "-2secs", "1e3ms", "2secs5ms", "abc", "1.2.3secs", "5."})
  void rejectsWithTheStringAndTheUnits(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MesosDuration.parse(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("ns, us, ms, secs, mins, hrs, days, weeks"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void rejectsNullAndNegativeDurations() {
    assertThrows(IllegalArgumentException.class, () -> MesosDuration.parse(null));
    assertThrows(IllegalArgumentException.class, () -> MesosDuration.format(Duration.ofSeconds(-1)));
  }
}
