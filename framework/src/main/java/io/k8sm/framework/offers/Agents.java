package io.k8sm.framework.offers;

import io.k8sm.framework.store.ObjectStore;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** Summarises an offer's agent for the minions list. */
final class Agents {
  private Agents() {}

  static ObjectStore.AgentView view(Offer offer) {
    double cpus = 0;
    double mem = 0;
    StringBuilder ports = new StringBuilder();
    for (Resource r : offer.getResourcesList()) {
      switch (r.getName()) {
        case "cpus" -> cpus += r.getScalar().getValue();
        case "mem" -> mem += r.getScalar().getValue();
        case "ports" -> ports.append(ports.length() > 0 ? "," : "").append(r.getRanges().getRangeList().stream()
            .map(Agents::range).collect(Collectors.joining(",")));
        default -> { }
      }
    }
    String ip = offer.hasUrl() && offer.getUrl().getAddress().hasIp() ? offer.getUrl().getAddress().getIp() : "";
    return new ObjectStore.AgentView(offer.getAgentId().getValue(), offer.getHostname(), ip, cpus, mem, ports.toString());
  }

  private static String range(Value.Range r) {
    return r.getBegin() == r.getEnd() ? Long.toString(r.getBegin()) : r.getBegin() + "-" + r.getEnd();
  }
}
