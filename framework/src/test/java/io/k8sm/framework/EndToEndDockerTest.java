package io.k8sm.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.testing.TestPersistence;
import io.k8sm.framework.testing.Api;
import io.k8sm.local.MesosLocal;
import io.k8sm.local.MesosLocalSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's walkthrough in local mode on the real Docker engine: the embedded mesos-local with
 * its real agent launches our executor (bin/kubernetes-executor), which runs the example pod.
 * Needs a Docker engine, the local images and the executor's jar (built earlier in the reactor);
 * bin/test provides them, and without them the test fails with the reason. Host ports are published on 127.0.0.1 (Surefire
 * sets K8SM_EXECUTOR_HOST_IP).
 */
class EndToEndDockerTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String NAME = "e2e" + UUID.randomUUID().toString().substring(0, 8);

  @AfterAll
  static void cleanUp() throws Exception {
    kit.shutdownTestKit();
    for (String id : docker("ps", "-aq", "--filter", "name=--" + NAME + "--").split("\\s+")) {
      if (!id.isBlank()) docker("rm", "-f", id);
    }
  }

  @Test
  void theExamplePodRunsAnswersOnItsHostPortAndGoesAwayWhenDeleted() throws Exception {
    // bin/test provides all three; a missing one is a failure, never a silent skip.
    assertTrue(dockerWorks(), "no Docker engine answers 'docker info'");
    assertTrue(!docker("image", "inspect", "k8sm/httpd:1").isBlank(), "image k8sm/httpd:1 missing (examples/images/build.sh)");
    assertTrue(executorBuilt(), "executor/target/executor.jar with io.k8sm.executor.Main is not built");
    int hostPort = freePort();
    Path work = Files.createTempDirectory("k8sm-e2e");
    Config config = ConfigFactory.parseMap(Map.of(
        "k8sm.framework.port", 0,
        "k8sm.framework.executor-path", HOME.resolve("bin/kubernetes-executor").toString(),
        "k8sm.local.agent.work-dir", work.toString(),
        "k8sm.local.work-dir", work.toString())).withFallback(ConfigFactory.load());
    try (MesosLocal mesos = MesosLocal.start(MesosLocalSettings.fromConfig(config).toBuilder().port(0)
            .simulatedAgents(0).build(), config);
         Scheduler s = Scheduler.start(TestPersistence.freshDataDir(config), List.of(URI.create(mesos.masterUrl())), b -> { }, List.of())) {
      Api api = new Api(s.apiUrl());
      String pod = Files.readString(HOME.resolve("examples/pod.json")).replace("\"php\"", "\"" + NAME + "\"")
          .replace("31080", Integer.toString(hostPort));
      assertEquals(201, api.send("POST", "/api/v1beta1/pods", pod).statusCode());
      eventually(Duration.ofSeconds(120), () -> api.pod(NAME).at("/currentState/status").asText().equals("Running"),
          () -> "the pod runs: " + api.pod(NAME).at("/currentState"));
      String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + hostPort + "/index.html")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(page.contains("kubernetes-mesos"), page);
      assertTrue(docker("ps", "--format", "{{.Names}}").contains("k8s--net--" + NAME + "--"));

      String huge = Api.pod(NAME + "-huge", 1_000_000, "always", null);
      assertEquals(201, api.send("POST", "/api/v1beta1/pods", huge).statusCode());
      eventually(Duration.ofSeconds(30), () -> api.pod(NAME + "-huge").at("/currentState/message").asText()
          .contains("needs 1000 cpus"), () -> "the huge pod says why: " + api.pod(NAME + "-huge").at("/currentState"));
      // An image no registry serves: the pull goes to a closed port on loopback and fails at once.
      String ghost = Api.pod(NAME + "-ghost", 100, "always", null)
          .replace("k8sm/pause:1", "127.0.0.1:9/k8sm/no-such-image:1");
      assertEquals(201, api.send("POST", "/api/v1beta1/pods", ghost).statusCode());
      eventually(Duration.ofSeconds(60), () -> api.pod(NAME + "-ghost").toString().contains("ErrImagePull"),
          () -> "the unpullable pod says why: " + api.pod(NAME + "-ghost").at("/currentState"));
      assertEquals("ok", api.send("GET", "/healthz", null).body());

      assertEquals(200, api.send("DELETE", "/api/v1beta1/pods/" + NAME, null).statusCode());
      assertEquals(200, api.send("DELETE", "/api/v1beta1/pods/" + NAME + "-huge", null).statusCode());
      assertEquals(200, api.send("DELETE", "/api/v1beta1/pods/" + NAME + "-ghost", null).statusCode());
      eventually(Duration.ofSeconds(60), () -> api.send("GET", "/api/v1beta1/pods/" + NAME, null).statusCode() == 404,
          () -> "the pod is gone");
      eventually(Duration.ofSeconds(30), () -> docker("ps", "-aq", "--filter", "name=--" + NAME + "--").isBlank(),
          () -> "its containers are gone");
    }
  }

  static void eventually(Duration limit, Supplier<Boolean> check, Supplier<String> what) {
    kit.createTestProbe().awaitAssert(limit, () -> {
      assertTrue(check.get(), what);
      return null;
    });
  }

  static int freePort() throws IOException {
    for (int p = 31000 + (int) (Math.random() * 900); p < 32000; p++) {
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        return p;
      } catch (IOException busy) {
        // next
      }
    }
    throw new IOException("no free port in 31000-32000");
  }

  static boolean executorBuilt() {
    Path jar = HOME.resolve("executor/target/executor.jar");
    if (!Files.exists(jar)) return false;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.getEntry("io/k8sm/executor/Main.class") != null;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean dockerWorks() {
    try {
      Process p = new ProcessBuilder("docker", "info").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  static String docker(String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      return out.trim();
    } catch (Exception e) {
      return "";
    }
  }
}
