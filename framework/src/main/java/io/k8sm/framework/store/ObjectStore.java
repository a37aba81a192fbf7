package io.k8sm.framework.store;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The read side the API answers from: the current pods (by key, filterable by labels) and the
 * agents seen in offers. Pod actors publish every change here, so a list never asks every pod
 * actor.
 *
 * <p>Invariant: each accepted change gets the next value of one global, strictly increasing
 * resourceVersion, which the stored record carries.
 */
public final class ObjectStore extends AbstractBehavior<ObjectStore.Command> {

  public sealed interface Command {}

  /** Store (create or replace) a pod; {@code replyTo} gets the record as stored. */
  public record Upsert(PodRecord record, ActorRef<Stored> replyTo) implements Command {}

  public record Stored(PodRecord record) {}

  /** Forget a pod (it is gone). */
  public record Remove(String key) implements Command {}

  public record GetPod(String key, ActorRef<PodFound> replyTo) implements Command {}

  public record PodFound(Optional<PodRecord> record) {}

  public record ListPods(LabelSelector selector, ActorRef<PodsListed> replyTo) implements Command {}

  public record PodsListed(long resourceVersion, List<PodRecord> pods) {}

  /** An agent seen in an offer (from the offer pool). */
  public record AgentSeen(AgentView agent) implements Command {}

  public record ListAgents(ActorRef<AgentsListed> replyTo) implements Command {}

  public record AgentsListed(List<AgentView> agents) {}

  /** An agent as the minions list shows it: resources as last offered, in whole units. */
  public record AgentView(String agentId, String hostname, String ip, double cpus, double memMb, String ports) {}

  private final TreeMap<String, PodRecord> pods = new TreeMap<>();
  private final TreeMap<String, AgentView> agents = new TreeMap<>();
  private long version;

  public static Behavior<Command> create() {
    return Behaviors.setup(ObjectStore::new);
  }

  private ObjectStore(ActorContext<Command> context) {
    super(context);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Upsert.class, this::onUpsert)
        .onMessage(Remove.class, this::onRemove)
        .onMessage(GetPod.class, m -> reply(m.replyTo(), new PodFound(Optional.ofNullable(pods.get(m.key())))))
        .onMessage(ListPods.class, this::onList)
        .onMessage(AgentSeen.class, m -> {
          agents.put(m.agent().agentId(), m.agent());
          return this;
        })
        .onMessage(ListAgents.class, m -> reply(m.replyTo(), new AgentsListed(List.copyOf(agents.values()))))
        .build();
  }

  private Behavior<Command> onUpsert(Upsert m) {
    PodRecord stored = m.record().withVersion(++version);
    pods.put(stored.key(), stored);
    m.replyTo().tell(new Stored(stored));
    return this;
  }

  private Behavior<Command> onRemove(Remove m) {
    if (pods.remove(m.key()) != null) {
      version++;
    }
    return this;
  }

  private Behavior<Command> onList(ListPods m) {
    List<PodRecord> out = new ArrayList<>();
    for (PodRecord r : pods.values()) {
      if (m.selector().matches(r.spec().labels())) out.add(r);
    }
    m.replyTo().tell(new PodsListed(version, out));
    return this;
  }

  private <T> Behavior<Command> reply(ActorRef<T> to, T message) {
    to.tell(message);
    return this;
  }
}
