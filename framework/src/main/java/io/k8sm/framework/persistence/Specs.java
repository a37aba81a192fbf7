package io.k8sm.framework.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.k8sm.framework.api.Json;
import io.k8sm.framework.api.v1beta1.Manifest;
import io.k8sm.framework.offers.PodShape;
import io.k8sm.framework.persistence.proto.PodSnapshot;
import io.k8sm.framework.persistence.proto.PodSpecData;
import io.k8sm.framework.persistence.proto.RestartPolicy;
import io.k8sm.framework.pods.PodPhase;
import io.k8sm.framework.pods.PodSpec;
import io.k8sm.framework.pods.PodState;
import io.k8sm.protocol.pod.PodStatusReport;
import java.time.Instant;
import java.util.Optional;

/**
 * Pod specs and pod state to and from their protobuf form. The manifest travels as the JSON the
 * API echoes back; the resource shape is stored as derived at create, so a later change of the
 * defaults never changes a stored pod.
 */
final class Specs {
  private Specs() {}

  static PodSpecData toProto(PodSpec s) {
    try {
      return PodSpecData.newBuilder().setNamespace(s.namespace()).setName(s.name()).setUid(s.uid())
          .putAllLabels(s.labels()).setCreatedEpochSecond(s.created().getEpochSecond())
          .setCreatedNanos(s.created().getNano()).setManifestJson(Json.MAPPER.writeValueAsString(s.manifest()))
          .setCpusMilli(s.shape().cpus()).setMemMilli(s.shape().mem()).setDiskMilli(s.shape().disk())
          .addAllHostPorts(s.shape().hostPorts()).setRestartPolicy(RestartPolicy.valueOf(s.restartPolicy().name()))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("manifest of " + s.key() + " cannot be written: " + e.getMessage(), e);
    }
  }

  static PodSpec fromProto(PodSpecData d) {
    if (d.getName().isEmpty() || d.getManifestJson().isEmpty()) {
      throw new IllegalArgumentException("pod spec without name or manifest");
    }
    try {
      return new PodSpec(d.getNamespace(), d.getName(), d.getUid(), d.getLabelsMap(),
          Instant.ofEpochSecond(d.getCreatedEpochSecond(), d.getCreatedNanos()),
          Json.MAPPER.readValue(d.getManifestJson(), Manifest.class),
          new PodShape(d.getCpusMilli(), d.getMemMilli(), d.getDiskMilli(), d.getHostPortsList()),
          PodSpec.RestartPolicy.valueOf(d.getRestartPolicy().name()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("manifest of " + d.getNamespace() + "/" + d.getName() + " is not readable: "
          + e.getOriginalMessage(), e);
    }
  }

  static PodSnapshot toProto(PodState s) {
    PodSnapshot.Builder b = PodSnapshot.newBuilder().setPhase(s.phase().name()).setTaskId(s.task())
        .setAgentId(s.agent()).setHost(s.host()).addAllHostPorts(s.hostPorts()).setRestarts(s.restarts())
        .setMessage(s.message()).setHasReport(s.report().isPresent()).setRemoved(s.removed());
    if (s.spec() != null) b.setSpec(toProto(s.spec()));
    s.report().ifPresent(r -> b.setReport(r.toByteString()));
    return b.build();
  }

  static PodState fromProto(PodSnapshot p) throws com.google.protobuf.InvalidProtocolBufferException {
    return new PodState(p.hasSpec() ? fromProto(p.getSpec()) : null, PodPhase.valueOf(p.getPhase()), p.getTaskId(),
        p.getAgentId(), p.getHost(), p.getHostPortsList(), p.getRestarts(), p.getMessage(),
        p.getHasReport() ? Optional.of(PodStatusReport.parseFrom(p.getReport())) : Optional.empty(), p.getRemoved());
  }
}
