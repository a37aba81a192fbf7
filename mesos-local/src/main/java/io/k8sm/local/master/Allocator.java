package io.k8sm.local.master;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Offers free agent resources to frameworks: each agent's whole free pool goes, as one offer, to
 * one subscribed framework with an unsuppressed role whose decline filters do not exclude it.
 * Frameworks take turns (round robin across allocation runs and agents), so none starves. An agent
 * whose free pool is below Mesos's minimum allocatable (0.01 cpus and 32 MB mem) is not offered.
 * All offers of one run for one framework travel in a single OFFERS event.
 */
final class Allocator {
  private static final long MIN_CPUS_MILLIS = 10;
  private static final long MIN_MEM_MILLIS = 32_000;

  private final MasterState s;
  private int turn;

  Allocator(MasterState s) {
    this.s = s;
  }

  void allocate() {
    List<FrameworkState> candidates = new ArrayList<>();
    for (FrameworkState fw : s.connected()) {
      if (fw.offerRole().isPresent()) {
        candidates.add(fw);
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    long now = s.clockMillis.getAsLong();
    Map<FrameworkState, List<Offer>> batches = new LinkedHashMap<>();
    for (AgentState agent : s.agents.values()) {
      Resources free = agent.free();
      if (free.scalarMillis("cpus") < MIN_CPUS_MILLIS && free.scalarMillis("mem") < MIN_MEM_MILLIS) {
        continue;
      }
      AgentID agentId = agent.info.getId();
      for (int k = 0; k < candidates.size(); k++) {
        FrameworkState fw = candidates.get(Math.floorMod(turn + k, candidates.size()));
        if (fw.filters.filters(agentId, free, now)) {
          continue;
        }
        batches.computeIfAbsent(fw, f -> new ArrayList<>()).add(offer(fw, agent, free));
        turn++;
        break;
      }
    }
    batches.forEach((fw, list) -> s.send(fw, Event.newBuilder().setType(Event.Type.OFFERS)
        .setOffers(Event.Offers.newBuilder().addAllOffers(list)).build()));
  }

  private Offer offer(FrameworkState fw, AgentState agent, Resources free) {
    String role = fw.offerRole().orElseThrow();
    OfferID id = OfferID.newBuilder().setValue(Ids.offer(s.masterId(), s.offerCounter++)).build();
    s.offers.put(id, new OfferRecord(id, fw.id, agent.info.getId(), role, free));
    agent.offered = agent.offered.plus(free);
    Offer.Builder b = Offer.newBuilder()
        .setId(id)
        .setFrameworkId(fw.id)
        .setAgentId(agent.info.getId())
        .setHostname(agent.info.getHostname())
        .addAllResources(free.toProtos(role))
        .addAllAttributes(agent.info.getAttributesList());
    b.getAllocationInfoBuilder().setRole(role);
    if (agent.info.hasDomain()) {
      b.setDomain(agent.info.getDomain());
    }
    for (ExecutorID e : agent.executorsOf(fw.id).keySet()) {
      b.addExecutorIds(e);
    }
    return b.build();
  }

  /** Offers outstanding on one agent, for rescinding when it goes. */
  List<OfferRecord> offersOn(AgentID agent) {
    return s.offers.values().stream().filter(o -> o.agent().equals(agent)).toList();
  }

  Optional<OfferRecord> find(OfferID id) {
    return Optional.ofNullable(s.offers.get(id));
  }
}
