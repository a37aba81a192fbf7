package io.k8sm.executor.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.k8sm.executor.DockerFixture;
import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerNames.PodKey;
import io.k8sm.executor.docker.ContainerPlan;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LogServerTest {
  static final ActorTestKit kit = ActorTestKit.create(DockerFixture.TEST_CONFIG);
  static final DockerFixture docker = new DockerFixture(kit);
  static final HttpClient http = HttpClient.newHttpClient();
  static String base;

  @BeforeAll
  static void start() throws Exception {
    String endpoint = LogServer.start(kit.system(), docker.docker, docker.owner, docker.settings)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://" + endpoint + "/containerLogs/default/chatty/talker";
    PodKey key = new PodKey("default", "chatty", "uid", "task-logs");
    // Prints five numbered lines, then one more line per 200 ms: enough for tail and follow.
    ContainerPlan plan = new ContainerPlan(ContainerNames.appName(key, "talker"), "k8sm/busybox:1",
        ContainerNames.appLabels(docker.owner, key, "talker", 0), List.of(),
        List.of("sh", "-c", "for i in 1 2 3 4 5; do echo line-$i; done; while true; do echo tick; sleep 0.2; done"),
        List.of(), "", List.of(), null, 0, 0);
    String id = docker.docker.create(plan).toCompletableFuture().join();
    docker.docker.start(id).toCompletableFuture().join();
  }

  @AfterAll
  static void stop() {
    docker.cleanUp();
    kit.shutdownTestKit();
  }

  @Test
  void tailLinesReturnsTheLastLines() throws Exception {
    HttpResponse<String> all = get(base);
    assertEquals(200, all.statusCode());
    assertTrue(all.body().startsWith("line-1\nline-2\n"), all.body());
    HttpResponse<String> tail = get(base + "?tailLines=1");
    assertEquals(1, tail.body().lines().count(), tail.body());
  }

  @Test
  void timestampsPrefixEveryLine() throws Exception {
    String first = get(base + "?timestamps=true").body().lines().findFirst().orElseThrow();
    assertTrue(first.matches("\\d{4}-\\d\\d-\\d\\dT\\S+ line-1"), first);
  }

  @Test
  void followKeepsStreamingNewLines() throws Exception {
    HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "?follow=true&tailLines=0")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (var reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      assertEquals("tick", reader.readLine());
      assertEquals("tick", reader.readLine(), "a line written after the request arrived");
    }
  }

  @Test
  void unknownContainersAndBadParametersAreExplained() throws Exception {
    HttpResponse<String> missing = get(base.replace("talker", "nobody"));
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("no container nobody in pod default/chatty"), missing.body());
    HttpResponse<String> bad = get(base + "?tailLines=many");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("tailLines"), bad.body());
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

}
