package io.k8sm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The standalone process: prints its URL once listening, answers HTTP, stops on SIGTERM, exits 2 on bad flags. */
class MainProcessTest {
  private static Process start(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void printsTheUrlServesTheApiAndStopsOnSigterm() throws Exception {
    Process p = start("--port", "0", "--simulated-agents", "1", "--heartbeat-seconds", "1");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      // the test class path may make logback print its own status lines first
      Pattern listening = Pattern.compile("mesos-local master listening on (http://127\\.0\\.0\\.1:\\d+)");
      Matcher m = null;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        m = listening.matcher(line);
        if (m.matches()) {
          break;
        }
      }
      assertNotNull(m, "no output");
      assertTrue(m.matches(), "never printed the listening line");
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1)
          + "/api/v1/scheduler")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(405, r.statusCode());
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "did not stop on SIGTERM");
      assertEquals(143, p.exitValue(), "terminated by SIGTERM after the shutdown hook ran");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void badFlagsExitWithTwo() throws Exception {
    Process p = start("--port", "nope");
    try {
      assertTrue(p.waitFor(20, TimeUnit.SECONDS));
      assertEquals(2, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void helpPrintsUsage() throws Exception {
    Process p = start("--help");
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(20, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue());
      assertTrue(out.contains("--simulated-agents"), out);
    } finally {
      p.destroyForcibly();
    }
  }
}
