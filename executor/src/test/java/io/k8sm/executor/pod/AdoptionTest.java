package io.k8sm.executor.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdoptionTest {
  static ContainerSnapshot infra(String id, boolean running) {
    return new ContainerSnapshot(id, "k8s--net--p--h", Map.of(ContainerNames.LABEL_ROLE, ContainerNames.INFRA_ROLE),
        running, 0, false, 0, 0);
  }

  static ContainerSnapshot app(String id, String name, boolean running) {
    return new ContainerSnapshot(id, "k8s--" + name + "--p--h",
        Map.of(ContainerNames.LABEL_ROLE, ContainerNames.APP_ROLE, ContainerNames.LABEL_CONTAINER, name), running, 0, false, 0, 0);
  }

  @Test
  void nothingThereStartsFresh() {
    assertEquals(new Adoption.Fresh(List.of()), Adoption.plan(List.of()));
  }

  @Test
  void aRunningInfraContainerMeansAdoptionOfWhateverAppContainersExist() {
    var adopt = assertInstanceOf(Adoption.Adopt.class,
        Adoption.plan(List.of(app("a1", "web", true), infra("i1", true), app("a2", "log", false))));
    assertEquals("i1", adopt.infraId());
    assertEquals(Map.of("web", "a1", "log", "a2"), adopt.apps(), "exited ones too: the restart policy decides");
  }

  @Test
  void withoutARunningInfraContainerEverythingIsRemoved() {
    var fresh = assertInstanceOf(Adoption.Fresh.class, Adoption.plan(List.of(infra("i1", false), app("a1", "web", true))));
    assertEquals(List.of("i1", "a1"), fresh.stale());
    assertEquals(List.of("a1"), ((Adoption.Fresh) Adoption.plan(List.of(app("a1", "web", true)))).stale());
  }
}
