package io.k8sm.local.agent;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.mesos.v1.Protos.CommandInfo;

/**
 * Starting and destroying executor processes. {@link #start} and {@link #destroyTree} make system
 * calls and touch the disk, so actors run them on the blocking dispatcher. Destroying takes the
 * whole process tree (a {@code sh -c} wrapper and what it started), the way a Mesos container's
 * destruction does, with SIGKILL.
 */
final class ExecutorProcess {
  private ExecutorProcess() {}

  /**
   * The argv of a CommandInfo: {@code sh -c <value>} when {@code shell} is true or unset; otherwise
   * {@code value} is the program and {@code arguments} its argv, whose first element is argv[0]
   * (Mesos' convention), which Java cannot set, so it is dropped.
   */
  static List<String> argv(CommandInfo command) {
    if (!command.hasValue() || command.getValue().isBlank()) {
      throw new IllegalArgumentException("ExecutorInfo.command has no value to run");
    }
    if (!command.hasShell() || command.getShell()) {
      return List.of("/bin/sh", "-c", command.getValue());
    }
    List<String> argv = new ArrayList<>();
    argv.add(command.getValue());
    if (command.getArgumentsCount() > 1) {
      argv.addAll(command.getArgumentsList().subList(1, command.getArgumentsCount()));
    }
    return argv;
  }

  /**
   * Starts {@code run}'s executor on {@code blocking}: sandbox, environment, argv, process. Fails
   * with the reason when an id cannot name a directory, the command is empty or exec fails.
   */
  static CompletableFuture<Process> launch(ExecutorRun run, Executor blocking) {
    return CompletableFuture.supplyAsync(() -> {
      Path sandbox = run.sandbox();
      Map<String, String> env = ExecutorEnvironment.build(run.environmentInputs(sandbox));
      List<String> argv = argv(run.spec().executor().getCommand());
      try {
        return start(argv, env, sandbox);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + argv + ": " + e.getMessage(), e);
      }
    }, blocking);
  }

  /** The innermost message of a failure, for task messages. */
  static String rootMessage(Throwable t) {
    while (t.getCause() != null && !(t instanceof UncheckedIOException)) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** Creates the sandbox and starts {@code argv} in it with stdout/stderr going to files there. */
  static Process start(List<String> argv, Map<String, String> env, Path sandbox) throws IOException {
    Files.createDirectories(sandbox);
    ProcessBuilder builder = new ProcessBuilder(argv)
        .directory(sandbox.toFile())
        .redirectInput(new File("/dev/null"))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(sandbox.resolve(SandboxLayout.STDOUT).toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(sandbox.resolve(SandboxLayout.STDERR).toFile()));
    builder.environment().putAll(env);
    return builder.start();
  }

  /** SIGKILLs the process and every descendant (taken before the parent dies and they are re-parented). */
  static void destroyTree(ProcessHandle process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * A POSIX wait status from Java's exit value. Java reports death by signal N as 128+N, the same
   * number a shell reports, so values 129..192 are read as signals; others as exit codes.
   */
  static int waitStatus(int exitValue) {
    if (exitValue > 128 && exitValue <= 128 + 64) {
      return exitValue - 128;
    }
    return (exitValue & 0xff) << 8;
  }

  /** Human text for a wait status, for task messages and logs. */
  static String describe(int waitStatus) {
    if (waitStatus < 0) {
      return "never started";
    }
    int signal = waitStatus & 0x7f;
    return signal != 0 ? "killed by signal " + signal : "exited with status " + ((waitStatus >> 8) & 0xff);
  }
}
