package io.k8sm.framework.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** v1beta1 ContainerManifest: the containers of one pod and how they restart. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
    String version,
    String id,
    // The seed prints "volumes": null, so the key stays even when empty.
    @JsonInclude(JsonInclude.Include.ALWAYS) List<JsonNode> volumes,
    List<Container> containers,
    RestartPolicy restartPolicy) {

  public Manifest {
    volumes = Lists.exact(volumes);
    containers = Lists.exact(containers);
  }

  /** {@code {"always":{}}}, {@code {"onFailure":{}}} or {@code {"never":{}}}: exactly one key. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RestartPolicy(Map<String, Object> always, Map<String, Object> onFailure, Map<String, Object> never) {
    public static final RestartPolicy ALWAYS = new RestartPolicy(Map.of(), null, null);
  }
}
