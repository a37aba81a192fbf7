package io.k8sm.framework.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.FrameworkSettings;
import io.k8sm.framework.Main;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlagParserTest {

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of(new String[] {}, Map.of()),
        Arguments.of(new String[] {"start"}, Map.of()),
        Arguments.of(new String[] {"start", "--mesos_master", "m1:5050"}, Map.of("mesos-master", "m1:5050")),
        Arguments.of(new String[] {"-mesos_master=m1:5050,m2:5050"}, Map.of("mesos-master", "m1:5050,m2:5050")),
        Arguments.of(new String[] {"--port=9090", "-address", "0.0.0.0"}, Map.of("port", 9090, "address", "0.0.0.0")),
        Arguments.of(new String[] {"-machines=a, b,,c"}, Map.of("machines", List.of("a", "b", "c"))),
        Arguments.of(new String[] {"--failover_timeout", "3600"}, Map.of("failover-timeout", "3600s")),
        Arguments.of(new String[] {"--failover_timeout=7d"}, Map.of("failover-timeout", "604800s")),
        Arguments.of(new String[] {"-executor_path=/x/exec", "--framework_name", "K"},
            Map.of("executor-path", "/x/exec", "name", "K")),
        Arguments.of(new String[] {"--data_dir", "/tmp/d", "--jmx_port", "9999"},
            Map.of("data-dir", "/tmp/d", "jmx-port", 9999)),
        Arguments.of(new String[] {"--mesos-master=h:1"}, Map.of("mesos-master", "h:1")),
        Arguments.of(new String[] {"--max_mutating_requests_inflight", "50"},
            Map.of("api.max-mutating-requests-inflight", 50)),
        Arguments.of(new String[] {"-max_mutating_requests_inflight=0"}, Map.of("api.max-mutating-requests-inflight", 0)));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void acceptsBothSpellings(String[] args, Map<String, Object> expected) {
    ParsedArgs.Run run = assertInstanceOf(ParsedArgs.Run.class, FlagParser.parse(args));
    assertEquals(expected, run.overrides());
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(new String[] {"--nope=1"}, "unknown flag '--nope=1'"),
        Arguments.of(new String[] {"stop"}, "unexpected argument 'stop'"),
        Arguments.of(new String[] {"--port"}, "needs a value"),
        Arguments.of(new String[] {"--port=http"}, "not a port number"),
        Arguments.of(new String[] {"--port=70000"}, "1..65535"),
        Arguments.of(new String[] {"--jmx_port=0"}, "1..65535"),
        Arguments.of(new String[] {"--failover_timeout=soon"}, "not a duration"),
        Arguments.of(new String[] {"--failover_timeout=0"}, "longer than zero"),
        Arguments.of(new String[] {"--max_mutating_requests_inflight=-1"}, "must be 0 or more"),
        Arguments.of(new String[] {"--max_mutating_requests_inflight=many"}, "not a whole number"),
        Arguments.of(new String[] {"start", "start"}, "unexpected argument 'start'"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusesBadInputWithAReason(String[] args, String reason) {
    ParsedArgs.Invalid invalid = assertInstanceOf(ParsedArgs.Invalid.class, FlagParser.parse(args));
    assertTrue(invalid.message().contains(reason), invalid.message());
  }

  @Test
  void helpWinsAndDocumentsEveryFlag() {
    assertInstanceOf(ParsedArgs.Help.class, FlagParser.parse("start", "--port=1", "-help"));
    assertInstanceOf(ParsedArgs.Help.class, FlagParser.parse("--help"));
    for (Flag f : Flag.ALL) {
      assertTrue(FlagParser.usage().contains("--" + f.name() + " "), f.name());
    }
  }

  @Test
  void flagsOverrideTheShippedConfiguration() {
    ParsedArgs.Run run = (ParsedArgs.Run) FlagParser.parse(
        "-mesos_master=a:5050, b:5050", "--port", "8181", "--failover_timeout=90", "-machines=h1",
        "--max_mutating_requests_inflight=7");
    FrameworkSettings s = FrameworkSettings.fromConfig(Main.withOverrides(run.overrides(), ConfigFactory.load()));
    assertEquals(List.of("a:5050", "b:5050"), s.masters());
    assertEquals(8181, s.port());
    assertEquals(Duration.ofSeconds(90), s.failoverTimeout());
    assertEquals(List.of("h1"), s.machines());
    assertEquals("Kubernetes", s.name());
    assertEquals(7, s.api().maxMutatingRequestsInflight());
  }

  @Test
  void shippedDefaultsAreTheDocumentedOnes() {
    FrameworkSettings s = FrameworkSettings.fromConfig(ConfigFactory.load());
    assertTrue(s.localMode());
    assertEquals("127.0.0.1", s.address());
    assertEquals(8080, s.port());
    assertEquals(Duration.ofDays(7), s.failoverTimeout());
    assertEquals(100, s.executorCpuMillis());
    assertTrue(s.executorPath().endsWith("bin/kubernetes-executor"));
    assertEquals(200, s.api().maxMutatingRequestsInflight());
  }
}
