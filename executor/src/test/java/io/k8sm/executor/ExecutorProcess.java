package io.k8sm.executor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The executor as a real child process (io.k8sm.executor.Main on this test's class path), with the
 * environment a Mesos agent would give it and the test settings as system properties. Its output
 * goes to a file, named in failures.
 */
public final class ExecutorProcess implements AutoCloseable {
  public final Process process;
  public final Path log;

  private ExecutorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static ExecutorProcess start(Map<String, String> env) throws IOException {
    Path log = Files.createTempFile("k8sm-executor-", ".log");
    List<String> command = new ArrayList<>(List.of(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
        "-Xmx256m", "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
        "-Dk8sm.executor.host-ip=127.0.0.1",
        "-Dk8sm.executor.logs.interface=127.0.0.1",
        "-Dk8sm.executor.adoption-window=2s",
        "-Dk8sm.executor.default-grace-period=2s",
        "-cp", System.getProperty("java.class.path"),
        "io.k8sm.executor.Main"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("MESOS_"));
    builder.environment().putAll(env);
    return new ExecutorProcess(builder.start(), log);
  }

  public static Map<String, String> agentEnv(FakeAgent agent, String frameworkId, String executorId) {
    return Map.of(
        "MESOS_FRAMEWORK_ID", frameworkId,
        "MESOS_EXECUTOR_ID", executorId,
        "MESOS_AGENT_ENDPOINT", agent.endpoint(),
        "MESOS_CHECKPOINT", "1",
        "MESOS_RECOVERY_TIMEOUT", "1mins",
        "MESOS_SUBSCRIPTION_BACKOFF_MAX", "500ms",
        "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "6secs");
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** SIGKILL, as {@code kill -9}. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
  }
}
