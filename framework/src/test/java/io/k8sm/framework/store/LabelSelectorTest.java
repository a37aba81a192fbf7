package io.k8sm.framework.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {
  static final Map<String, String> LABELS = Map.of("name", "foo", "tier", "web");

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("", true), Arguments.of("name=foo", true), Arguments.of("name==foo", true),
        Arguments.of("name=bar", false), Arguments.of("name=foo,tier=web", true), Arguments.of("name=foo,tier!=web", false),
        Arguments.of("env!=prod", true), Arguments.of("env=prod", false), Arguments.of(" name = foo ", true));
  }

  @ParameterizedTest
  @MethodSource("table")
  void selects(String selector, boolean matches) {
    assertEquals(matches, LabelSelector.parse(selector).matches(LABELS));
  }

  @ParameterizedTest
  @MethodSource("bad")
  void refusesMalformedTerms(String selector) {
    assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse(selector));
  }

  static Stream<String> bad() {
    return Stream.of("name", "=foo", "a=b=c", "name=foo,,x");
  }
}
