package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.framework.testing.Pods;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A pod answers its create once and then holds neither the asker nor the spec it was created with. */
class PodBirthTest {
  static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void theCreateIsAnsweredOnceAndThenForgotten() {
    TestProbe<PodSupervisor.CreateResult> asker = kit.createTestProbe();
    PodSpec spec = Pods.spec("web", 100);
    PodBirth birth = new PodBirth(Optional.of(spec), asker.getRef());
    assertEquals(Optional.of(spec), birth.spec());

    PodRecord record = new PodRecord(spec, PodRecord.Status.pending("waiting for an offer"), 1);
    birth.answer(new PodSupervisor.Created(record));
    birth.answer(new PodSupervisor.Created(record.withVersion(2)));
    asker.getRef().tell(new PodSupervisor.AlreadyExists("marker: sent after both answers"));

    assertEquals(record, asker.expectMessageClass(PodSupervisor.Created.class).record());
    assertEquals("marker: sent after both answers", asker.expectMessageClass(PodSupervisor.AlreadyExists.class).message());
    assertTrue(birth.spec().isEmpty(), "a pod that answered its create is not created again after a restart");
  }
}
