package io.k8sm.framework.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.k8sm.framework.pods.PodSpecs;
import io.k8sm.framework.pods.PodSupervisor;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.framework.store.ReadModel;
import io.k8sm.framework.testing.Pods;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GETs are answered from the store's published snapshot: the store actor is stopped before the
 * server starts, so any GET that asked it would time out. Compact by default, indented on request.
 */
class PodsApiReadsTest {
  static final ActorTestKit kit = ActorTestKit.create();
  /** Replies come at once; the bound only matters on a machine shared with other builds. */
  static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(30);
  static final HttpClient http = HttpClient.newHttpClient();
  static final ReadModel reads = new ReadModel();
  static ServerBinding binding;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    ActorRef<ObjectStore.Command> store = kit.spawn(ObjectStore.create(reads, PodJson::render));
    TestProbe<ObjectStore.Stored> stored = kit.createTestProbe();
    for (String id : List.of("web", "db", "cache")) {
      store.tell(new ObjectStore.Upsert(new PodRecord(Pods.spec(id, 100), PodRecord.Status.pending("waiting"), 0),
          stored.getRef()));
      stored.expectMessageClass(ObjectStore.Stored.class, PATIENCE);
    }
    store.tell(new ObjectStore.AgentSeen(new ObjectStore.AgentView("a1", "node-1", "", 4, 2048, "31000-32000")));
    // Stopping overtakes queued messages: wait until the agent is in before stopping the store.
    TestProbe<ObjectStore.AgentsListed> agents = kit.createTestProbe();
    store.tell(new ObjectStore.ListAgents(agents.getRef()));
    agents.expectMessageClass(ObjectStore.AgentsListed.class, PATIENCE);
    kit.stop(store);
    TestProbe<PodSupervisor.Command> pods = kit.createTestProbe();
    PodsApi api = new PodsApi(kit.system(), pods.getRef(), reads, "default", new PodSpecs.Defaults(100, 64, 0),
        Duration.ofSeconds(2));
    binding = Http.get(kit.system()).newServerAt("127.0.0.1", 0).bind(api.routes()).toCompletableFuture().get();
    base = "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  @AfterAll
  static void stop() {
    binding.unbind();
    kit.shutdownTestKit();
  }

  static HttpResponse<String> get(String path, String userAgent) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (userAgent != null) b.header("User-Agent", userAgent);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void getOneAndListWithoutTheStoreActor() throws Exception {
    HttpResponse<String> one = get("/api/v1beta1/pods/db", null);
    assertEquals(200, one.statusCode());
    assertEquals("application/json", one.headers().firstValue("Content-Type").orElse(""));
    JsonNode pod = Json.MAPPER.readTree(one.body());
    assertEquals("db", pod.get("id").asText());
    assertEquals(2, pod.get("resourceVersion").asLong());

    JsonNode all = Json.MAPPER.readTree(get("/api/v1beta1/pods", null).body());
    assertEquals(3, all.get("resourceVersion").asLong());
    assertEquals(List.of("cache", "db", "web"), all.get("items").findValuesAsText("id").stream().distinct().toList());

    JsonNode selected = Json.MAPPER.readTree(get("/api/v1beta1/pods?labels=name%3Dweb", null).body());
    assertEquals(1, selected.get("items").size());
    assertEquals("web", selected.get("items").get(0).get("id").asText());
    assertEquals(0, Json.MAPPER.readTree(get("/api/v1beta1/pods?labels=name%3Dnone", null).body()).get("items").size());

    assertEquals(404, get("/api/v1beta1/pods/nope", null).statusCode());
    assertEquals("node-1", Json.MAPPER.readTree(get("/api/v1beta1/minions", null).body())
        .get("items").get(0).get("id").asText());
  }

  @Test
  void compactForProgramsIndentedWhenAskedOrForCurl() throws Exception {
    for (String path : List.of("/api/v1beta1/pods/web", "/api/v1beta1/pods", "/api/v1beta1/minions",
        "/api/v1beta1/pods/nope")) {
      String compact = get(path, null).body();
      assertFalse(compact.contains("\n"), path);
      for (String query : List.of("?pretty=true", "?pretty=1")) {
        String pretty = get(path + (path.contains("?") ? "&" : "") + query, null).body();
        assertTrue(pretty.startsWith("{\n  \"kind\" : "), path + query + ": " + pretty);
        assertEquals(Json.MAPPER.readTree(compact), Json.MAPPER.readTree(pretty), path + query);
      }
      assertTrue(get(path, "curl/8.5.0").body().startsWith("{\n  \"kind\" : "), path);
      assertFalse(get(path + "?pretty=false", "curl/8.5.0").body().contains("\n"), path);
    }
    String prettyList = get("/api/v1beta1/pods?labels=name%3Ddb&pretty=true", null).body();
    assertTrue(prettyList.contains("\"items\" : [ {"), prettyList);
    assertEquals(1, Json.MAPPER.readTree(prettyList).get("items").size());
  }
}
