package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tables for the small pure pieces: durations, sandbox paths, command lines, wait statuses. */
class PureHelpersTest {

  @ParameterizedTest(name = "{0}ns -> {1}")
  @CsvSource({
      "5000000000, 5secs", "900000000000, 15mins", "2000000000, 2secs", "1500000000, 1.5secs",
      "90000000000, 1.5mins", "100000000, 100ms", "7200000000000, 2hrs", "86400000000000, 1days",
      "1209600000000000, 2weeks", "1500, 1.5us", "0, 0ns", "999, 999ns"})
  void durationsArePrintedLikeMesos(long nanos, String expected) {
    assertEquals(expected, DurationText.format(Duration.ofNanos(nanos)));
  }

  @Test
  void sandboxFollowsTheMesosLayoutAndRefusesEscapingIds() {
    Path run = SandboxLayout.runDirectory(Path.of("/w"), AgentID.newBuilder().setValue("a").build(),
        FrameworkID.newBuilder().setValue("f").build(), ExecutorID.newBuilder().setValue("e").build(),
        ContainerID.newBuilder().setValue("c").build());
    assertEquals(Path.of("/w/slaves/a/frameworks/f/executors/e/runs/c"), run);
    for (String bad : List.of("..", ".", "", "a/b")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SandboxLayout.runDirectory(
          Path.of("/w"), AgentID.newBuilder().setValue("a").build(), FrameworkID.newBuilder().setValue("f").build(),
          ExecutorID.newBuilder().setValue(bad).build(), ContainerID.newBuilder().setValue("c").build()));
      assertTrue(e.getMessage().contains("executor id"), e.getMessage());
    }
  }

  @ParameterizedTest(name = "shell={0} value={1} args={2}")
  @CsvSource(delimiter = '|', nullValues = "UNSET", value = {
      "UNSET | echo hi     | ''             | /bin/sh,-c,echo hi",
      "true  | echo hi     | ''             | /bin/sh,-c,echo hi",
      "false | /bin/echo   | ''             | /bin/echo",
      "false | /bin/echo   | echo           | /bin/echo",
      "false | /bin/echo   | echo,a,b       | /bin/echo,a,b",
  })
  void commandLines(Boolean shell, String value, String args, String expected) {
    CommandInfo.Builder command = CommandInfo.newBuilder().setValue(value);
    if (shell != null) {
      command.setShell(shell);
    }
    if (!args.isEmpty()) {
      command.addAllArguments(Arrays.asList(args.split(",")));
    }
    assertEquals(Arrays.asList(expected.split(",")), ExecutorProcess.argv(command.build()));
  }

  @Test
  void aCommandWithoutValueIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ExecutorProcess.argv(CommandInfo.newBuilder().build()));
  }

  @ParameterizedTest(name = "exit value {0} -> wait status {1} ({2})")
  @CsvSource({"0, 0, exited with status 0", "3, 768, exited with status 3", "137, 9, killed by signal 9",
      "143, 15, killed by signal 15", "255, 65280, exited with status 255"})
  void waitStatuses(int exitValue, int waitStatus, String described) {
    assertEquals(waitStatus, ExecutorProcess.waitStatus(exitValue));
    assertEquals(described, ExecutorProcess.describe(waitStatus));
  }
}
