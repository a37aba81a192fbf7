package io.k8sm.framework.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k8sm.framework.api.v1beta1.Pod;
import io.k8sm.framework.api.v1beta1.PodValidator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodValidatorTest {

  static Pod parse(String containers, String extra) throws Exception {
    return Json.MAPPER.readValue("{\"id\":\"web\"" + extra + ",\"desiredState\":{\"manifest\":{\"containers\":"
        + containers + "}}}", Pod.class);
  }

  static Stream<Arguments> cases() {
    String ok = "[{\"name\":\"a\",\"image\":\"i\"}]";
    return Stream.of(
        Arguments.of(ok, "", null),
        Arguments.of(ok, ",\"id\":\"-bad\"", "is not a DNS-1123 label"),
        Arguments.of(ok, ",\"id\":\"" + "a".repeat(64) + "\"", "is not a DNS-1123 label"),
        Arguments.of("[]", "", "at least one container"),
        Arguments.of("[{\"name\":\"a\"}]", "", "containers[0].image is required"),
        Arguments.of("[{\"name\":\"A\",\"image\":\"i\"}]", "", "containers[0].name 'A' is not a DNS-1123 label"),
        Arguments.of("[{\"name\":\"a\",\"image\":\"i\"},{\"name\":\"a\",\"image\":\"j\"}]", "", "used by another container"),
        Arguments.of("[{\"name\":\"a\",\"image\":\"i\",\"ports\":[{\"hostPort\":80,\"containerPort\":80},"
            + "{\"hostPort\":80,\"containerPort\":81}]}]", "", "hostPort 80 is used twice"),
        Arguments.of("[{\"name\":\"a\",\"image\":\"i\",\"ports\":[{\"hostPort\":0,\"containerPort\":80},"
            + "{\"containerPort\":81}]}]", "", null),
        Arguments.of("[{\"name\":\"a\",\"image\":\"i\",\"ports\":[{\"containerPort\":0}]}]", "", "must lie in 1..65535, not 0"),
        Arguments.of("[{\"name\":\"a\",\"image\":\"i\",\"ports\":[{\"containerPort\":80,\"hostPort\":65536}]}]", "",
            "hostPort must lie in 1..65535"),
        Arguments.of("[{\"name\":\"a\",\"image\":\"i\",\"ports\":[{\"containerPort\":80,\"protocol\":\"SCTP\"}]}]", "",
            "must be TCP or UDP"),
        Arguments.of("[{\"name\":\"a\",\"image\":\"i\",\"livenessProbe\":{\"enabled\":true,\"type\":\"smoke\"}}]", "",
            "must be http, tcp or exec"),
        Arguments.of("[{\"name\":\"a\",\"image\":\"i\",\"livenessProbe\":{\"enabled\":true,\"type\":\"http\","
            + "\"httpGet\":{\"path\":\"/\",\"port\":\"web\"}}}]", "", "'web' names no port"),
        Arguments.of("[{\"name\":\"a\",\"image\":\"i\",\"ports\":[{\"name\":\"web\",\"containerPort\":80}],"
            + "\"livenessProbe\":{\"enabled\":true,\"type\":\"http\",\"httpGet\":{\"path\":\"/\",\"port\":\"web\"}}}]", "", null),
        Arguments.of("[{\"name\":\"a\",\"image\":\"i\",\"livenessProbe\":{\"enabled\":false,\"type\":\"smoke\"}}]", "", null),
        Arguments.of("[{\"name\":\"a\",\"image\":\"i\",\"cpu\":-1}]", "", "cpu must not be negative"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void validates(String containers, String extra, String problem) throws Exception {
    List<String> problems = PodValidator.validate(parse(containers, extra));
    if (problem == null) {
      assertEquals(List.of(), problems);
    } else {
      assertTrue(problems.stream().anyMatch(p -> p.contains(problem)), problems.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("policies")
  void restartPolicyHasExactlyOneKey(String policy, boolean valid) throws Exception {
    Pod pod = Json.MAPPER.readValue("{\"id\":\"web\",\"desiredState\":{\"manifest\":{\"restartPolicy\":" + policy
        + ",\"containers\":[{\"name\":\"a\",\"image\":\"i\"}]}}}", Pod.class);
    assertEquals(valid, PodValidator.validate(pod).isEmpty(), PodValidator.validate(pod).toString());
  }

  static Stream<Arguments> policies() {
    return Stream.of(Arguments.of("{\"always\":{}}", true), Arguments.of("{\"onFailure\":{}}", true),
        Arguments.of("{\"never\":{}}", true), Arguments.of("{}", false), Arguments.of("{\"always\":{},\"never\":{}}", false));
  }
}
