package io.k8sm.framework.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.offers.ExecutorCost;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.pods.ExecutorInfos;
import io.k8sm.framework.pods.PodDeps;
import io.k8sm.framework.pods.PodSpecs;
import io.k8sm.framework.pods.PodSupervisor;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.ReadModel;
import io.k8sm.framework.testing.Pods;
import io.k8sm.framework.testing.TestPersistence;
import io.k8sm.framework.pods.PodPersistence;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The REST API over real HTTP on 127.0.0.1, with the real store, pod supervisor and offer pool. */
class PodsApiTest {
  static final ActorTestKit kit = ActorTestKit.create(TestPersistence.inMemory());
  static final HttpClient http = HttpClient.newHttpClient();
  static ActorRef<ObjectStore.Command> store;
  static final ReadModel reads = new ReadModel();
  static ServerBinding binding;
  static String base;

  static final String SEED_POD = """
      {"id": "php", "labels": {"name": "foo"},
       "desiredState": {"manifest": {"version": "v1beta1", "id": "php", "volumes": null,
         "containers": [{"name": "nginx", "image": "k8sm/httpd:1",
           "ports": [{"hostPort": 31080, "containerPort": 80}],
           "livenessProbe": {"enabled": true, "type": "http", "httpGet": {"path": "/index.html", "port": "31080"},
             "initialDelaySeconds": 30}}]}}}
      """;

  @BeforeAll
  static void start() throws Exception {
    TestProbe<MesosBridge.Command> bridge = kit.createTestProbe();
    store = kit.spawn(ObjectStore.create(reads, PodJson::render));
    ActorRef<OfferPool.Command> pool = kit.spawn(OfferPool.create(new OfferPool.Settings(Duration.ofSeconds(5), 3600, 5,
        Duration.ofSeconds(5), Duration.ofSeconds(1), List.of(), ExecutorInfos.of("/x", 100, 64, "*").getExecutorId(),
        new ExecutorCost(100, 64_000)), bridge.getRef(), store, s -> { }));
    ActorRef<PodSupervisor.Command> pods = kit.spawn(PodSupervisor.create(new PodDeps(pool, bridge.getRef(), store,
        ExecutorInfos.of("/x", 100, 64, "*"), Pods.FAST, r -> { }, k -> { }),
        new PodPersistence(TestPersistence.uniqueId("registry"), 20, 2, m -> { throw new AssertionError(m); })));
    PodsApi api = new PodsApi(kit.system(), pods, reads, "default", new PodSpecs.Defaults(100, 64, 0), Duration.ofSeconds(5));
    binding = Http.get(kit.system()).newServerAt("127.0.0.1", 0).bind(api.routes()).toCompletableFuture().get();
    base = "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  @AfterAll
  static void stop() {
    binding.unbind();
    kit.shutdownTestKit();
  }

  static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (contentType != null) b.header("Content-Type", contentType);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  static HttpResponse<String> post(String body) throws Exception {
    return send("POST", "/api/v1beta1/pods", "application/json", body);
  }

  static String pod(String id, String containers) {
    return "{\"id\":\"" + id + "\",\"desiredState\":{\"manifest\":{\"version\":\"v1beta1\",\"id\":\"" + id
        + "\",\"containers\":" + containers + "}}}";
  }

  @Test
  void postsTheSeedPodAndListsItByLabel() throws Exception {
    HttpResponse<String> created = post(SEED_POD.replace("php", "seed"));
    assertEquals(201, created.statusCode(), created.body());
    JsonNode pod = json(created);
    assertEquals("Pod", pod.get("kind").asText());
    assertEquals("seed", pod.get("id").asText());
    assertTrue(pod.get("resourceVersion").isNumber());
    assertTrue(pod.hasNonNull("uid") && pod.hasNonNull("creationTimestamp"));
    assertEquals("Waiting", pod.at("/currentState/status").asText());
    assertEquals("31080", pod.at("/desiredState/manifest/containers/0/livenessProbe/httpGet/port").asText());
    assertTrue(pod.at("/desiredState/manifest").has("volumes"), "the seed shows \"volumes\": null");

    JsonNode one = json(send("GET", "/api/v1beta1/pods/seed", null, null));
    assertEquals("seed", one.get("id").asText());
    assertTrue(one.at("/currentState/info/nginx").has("state"));

    JsonNode byLabel = json(send("GET", "/api/v1beta1/pods?labels=name%3Dfoo", null, null));
    assertEquals("PodList", byLabel.get("kind").asText());
    assertTrue(byLabel.get("items").findValuesAsText("id").contains("seed"));
    JsonNode none = json(send("GET", "/api/v1beta1/pods?labels=name%3Dbar", null, null));
    assertEquals(0, none.get("items").size());
  }

  @Test
  void curlWithoutContentTypeIsAcceptedAsTheSeedDoesIt() throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1beta1/pods", "application/x-www-form-urlencoded",
        pod("curl", "[{\"name\":\"a\",\"image\":\"k8sm/pause:1\"}]"));
    assertEquals(201, r.statusCode(), r.body());
  }

  static Stream<Arguments> badInput() {
    String ok = "[{\"name\":\"a\",\"image\":\"i\"}]";
    return Stream.of(
        Arguments.of("application/json", "{not json", 400, "malformed JSON"),
        Arguments.of("application/json", pod("Bad_Name", ok), 400, "is not a DNS-1123 label"),
        Arguments.of("application/json", pod("nocont", "[]"), 400, "at least one container"),
        Arguments.of("application/json", pod("dupc", "[{\"name\":\"a\",\"image\":\"i\"},{\"name\":\"a\",\"image\":\"i\"}]"),
            400, "used by another container"),
        Arguments.of("application/json", pod("dupp", "[{\"name\":\"a\",\"image\":\"i\",\"ports\":[{\"hostPort\":31000,"
            + "\"containerPort\":1}]},{\"name\":\"b\",\"image\":\"i\",\"ports\":[{\"hostPort\":31000,\"containerPort\":2}]}]"),
            400, "hostPort 31000 is used twice"),
        Arguments.of("application/json", pod("range", "[{\"name\":\"a\",\"image\":\"i\",\"ports\":[{\"containerPort\":70000}]}]"),
            400, "must lie in 1..65535"),
        Arguments.of("text/plain", pod("texty", ok), 415, "Content-Type must be application/json"));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputGetsAStatusAndChangesNothing(String type, String body, int code, String message) throws Exception {
    JsonNode before = json(send("GET", "/api/v1beta1/pods", null, null)).get("items");
    HttpResponse<String> r = send("POST", "/api/v1beta1/pods", type, body);
    assertEquals(code, r.statusCode(), r.body());
    JsonNode status = json(r);
    assertEquals("Status", status.get("kind").asText());
    assertEquals("Failure", status.get("status").asText());
    assertEquals(code, status.get("code").asInt());
    assertTrue(status.get("message").asText().contains(message), status.get("message").asText());
    assertTrue(status.hasNonNull("reason"));
    JsonNode after = json(send("GET", "/api/v1beta1/pods", null, null)).get("items");
    assertEquals(before.findValuesAsText("id"), after.findValuesAsText("id"));
  }

  @Test
  void duplicateIdIsAConflictAndKeepsTheFirstPod() throws Exception {
    JsonNode first = json(post(pod("twice", "[{\"name\":\"a\",\"image\":\"k8sm/pause:1\"}]")));
    HttpResponse<String> again = post(pod("twice", "[{\"name\":\"b\",\"image\":\"other\"}]"));
    assertEquals(409, again.statusCode());
    assertEquals("alreadyExists", json(again).get("reason").asText());
    JsonNode stored = json(send("GET", "/api/v1beta1/pods/twice", null, null));
    assertEquals(first.get("uid"), stored.get("uid"));
    assertEquals("a", stored.at("/desiredState/manifest/containers/0/name").asText());
  }

  @Test
  void deleteRemovesAPendingPodAndUnknownPodsAre404() throws Exception {
    post(pod("doomed", "[{\"name\":\"a\",\"image\":\"k8sm/pause:1\"}]"));
    HttpResponse<String> del = send("DELETE", "/api/v1beta1/pods/doomed", null, null);
    assertEquals(200, del.statusCode());
    assertEquals("Success", json(del).get("status").asText());
    kit.createTestProbe().awaitAssert(() -> {
      try {
        assertEquals(404, send("GET", "/api/v1beta1/pods/doomed", null, null).statusCode());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      return null;
    });
    HttpResponse<String> missing = send("DELETE", "/api/v1beta1/pods/never-was", null, null);
    assertEquals(404, missing.statusCode());
    assertEquals("notFound", json(missing).get("reason").asText());
  }

  @Test
  void minionsHealthzAndWrongMethods() throws Exception {
    store.tell(new ObjectStore.AgentSeen(new ObjectStore.AgentView("a1", "node-1", "127.0.0.1", 4, 2048, "31000-32000")));
    kit.createTestProbe().awaitAssert(() -> {
      try {
        JsonNode minions = json(send("GET", "/api/v1beta1/minions", null, null));
        assertEquals("MinionList", minions.get("kind").asText());
        assertEquals("node-1", minions.at("/items/0/id").asText());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      return null;
    });
    assertEquals("ok", send("GET", "/healthz", null, null).body());
    assertEquals(405, send("PUT", "/api/v1beta1/pods", "application/json", "{}").statusCode());
    assertEquals(404, send("GET", "/api/v1beta2/nothing", null, null).statusCode());
    assertEquals(400, send("GET", "/api/v1beta1/pods?labels=nonsense", null, null).statusCode());
  }
}
