package io.k8sm.framework.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admission over real HTTP on 127.0.0.1. The pod supervisor is a probe that answers only when the
 * test says so, so creates stay in flight exactly as long as the test wants: no timing decides.
 */
class AdmissionTest {
  static final ActorTestKit kit = ActorTestKit.create();
  /** Only bounds waiting on a machine shared with other builds; nothing is timed. */
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final ReadModel reads = new ReadModel();
  static final TestProbe<PodSupervisor.Command> held = kit.createTestProbe();
  static final TestProbe<PodSupervisor.Command> silent = kit.createTestProbe();
  static ServerBinding limitTwo;
  static ServerBinding limitOneTimingOut;

  @BeforeAll
  static void start() throws Exception {
    ActorRef<ObjectStore.Command> store = kit.spawn(ObjectStore.create(reads, PodJson::render));
    TestProbe<ObjectStore.Stored> stored = kit.createTestProbe();
    store.tell(new ObjectStore.Upsert(new PodRecord(Pods.spec("old", 100), PodRecord.Status.pending("waiting"), 0),
        stored.getRef()));
    stored.expectMessageClass(ObjectStore.Stored.class, PATIENCE);
    limitTwo = serve(held, 2, PATIENCE);
    limitOneTimingOut = serve(silent, 1, Duration.ofSeconds(1));
  }

  static ServerBinding serve(TestProbe<PodSupervisor.Command> pods, int limit, Duration askTimeout) throws Exception {
    PodsApi api = new PodsApi(kit.system(), pods.getRef(), reads, "default", new PodSpecs.Defaults(100, 64, 0),
        askTimeout);
    Admission admission = new Admission(new InFlight("mutating requests", limit));
    return Http.get(kit.system()).newServerAt("127.0.0.1", 0).bind(admission.around(api.routes()))
        .toCompletableFuture().get();
  }

  @AfterAll
  static void stop() {
    limitTwo.unbind();
    limitOneTimingOut.unbind();
    kit.shutdownTestKit();
  }

  static CompletableFuture<HttpResponse<String>> send(ServerBinding b, String method, String path, String body) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.localAddress().getPort() + path))
        .timeout(PATIENCE).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.sendAsync(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> now(CompletableFuture<HttpResponse<String>> f) throws Exception {
    return f.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
  }

  static CompletableFuture<HttpResponse<String>> post(ServerBinding b, String id) {
    return send(b, "POST", "/api/v1beta1/pods", "{\"id\":\"" + id + "\",\"desiredState\":{\"manifest\":{"
        + "\"version\":\"v1beta1\",\"id\":\"" + id + "\",\"containers\":[{\"name\":\"a\",\"image\":\"k8sm/pause:1\"}]}}}");
  }

  /** The next create the supervisor gets, and that it is for {@code id}. */
  static PodSupervisor.CreatePod created(TestProbe<PodSupervisor.Command> pods, String id) {
    PodSupervisor.CreatePod c = pods.expectMessageClass(PodSupervisor.CreatePod.class, PATIENCE);
    assertEquals(id, c.spec().name());
    return c;
  }

  static void answer(PodSupervisor.CreatePod c) {
    c.replyTo().tell(new PodSupervisor.Created(new PodRecord(c.spec(), PodRecord.Status.pending("waiting"), 1)));
  }

  @Test
  void pastTheLimitAWriteIsRefusedAtOnceReadsAreServedAndAFinishedCreateMakesRoom() throws Exception {
    var first = post(limitTwo, "first");
    PodSupervisor.CreatePod firstCreate = created(held, "first");
    var second = post(limitTwo, "second");
    PodSupervisor.CreatePod secondCreate = created(held, "second");
    String listBefore = now(send(limitTwo, "GET", "/api/v1beta1/pods", null)).body();

    HttpResponse<String> refused = now(post(limitTwo, "third"));
    assertEquals(429, refused.statusCode(), refused.body());
    assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
    JsonNode status = Json.MAPPER.readTree(refused.body());
    assertEquals("Status", status.get("kind").asText());
    assertEquals("Failure", status.get("status").asText());
    assertEquals(429, status.get("code").asInt());
    assertEquals("tooManyRequests", status.get("reason").asText());
    assertTrue(status.get("message").asText().startsWith("the server is busy: 2 mutating requests"), refused.body());
    assertEquals(429, now(send(limitTwo, "DELETE", "/api/v1beta1/pods/old", null)).statusCode());

    HttpResponse<String> list = now(send(limitTwo, "GET", "/api/v1beta1/pods", null));
    assertEquals(200, list.statusCode());
    assertEquals(listBefore, list.body(), "nothing stored changed");
    assertEquals(200, now(send(limitTwo, "GET", "/api/v1beta1/pods/old", null)).statusCode());
    assertEquals("ok", now(send(limitTwo, "GET", "/healthz", null)).body());

    answer(firstCreate);
    assertEquals(201, now(first).statusCode());
    var fourth = post(limitTwo, "fourth");
    // The next create the supervisor sees is the fourth: neither the refused POST nor the DELETE reached it.
    PodSupervisor.CreatePod fourthCreate = created(held, "fourth");
    answer(secondCreate);
    answer(fourthCreate);
    assertEquals(201, now(second).statusCode());
    assertEquals(201, now(fourth).statusCode());
  }

  @Test
  void aCreateThatTimesOutGivesItsPlaceBack() throws Exception {
    var lost = post(limitOneTimingOut, "lost");
    created(silent, "lost");
    HttpResponse<String> failed = now(lost);
    assertEquals(500, failed.statusCode(), failed.body());
    // Admitted, not refused: it reaches the supervisor (and, unanswered, fails the same way).
    var next = post(limitOneTimingOut, "next");
    created(silent, "next");
    assertEquals(500, now(next).statusCode());
  }
}
