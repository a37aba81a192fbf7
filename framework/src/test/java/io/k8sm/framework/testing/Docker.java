package io.k8sm.framework.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker command line, for tests that look at containers from outside (stdout, trimmed; "" on failure). */
public final class Docker {
  private Docker() {}

  public static String run(String... args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("docker"));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
      return out.trim();
    } catch (Exception e) {
      return "";
    }
  }

  public static boolean works() {
    return !run("info", "--format", "{{.ServerVersion}}").isEmpty();
  }
}
