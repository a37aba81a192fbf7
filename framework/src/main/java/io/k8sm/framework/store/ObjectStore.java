package io.k8sm.framework.store;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.List;
import java.util.function.Function;

/**
 * The single writer of the read side the API answers from: the current pods (by key, filterable
 * by labels) and the agents seen in offers. Pod actors publish every change here, so a list never
 * asks every pod actor. Each change is published into a {@link ReadModel} as a new immutable
 * {@link StoreSnapshot}; the REST API reads that directly, without asking this actor.
 *
 * <p>Each pod's JSON is rendered once, here, when its record is stored ({@code render}), so a GET
 * sends stored bytes and a list concatenates them.
 *
 * <p>Invariant: each accepted change gets the next value of one global, strictly increasing
 * resourceVersion, which the stored record (and its JSON) carries; snapshots are published in
 * that order.
 */
public final class ObjectStore extends AbstractBehavior<ObjectStore.Command> {

  public sealed interface Command {}

  /** Store (create or replace) a pod; {@code replyTo} gets the record as stored. */
  public record Upsert(PodRecord record, ActorRef<Stored> replyTo) implements Command {}

  public record Stored(PodRecord record) {}

  /**
   * Pods as the journal holds them, read in bulk at start: each is stored unless its pod actor
   * already stored or removed it (the actor knows as much or more). One published snapshot for all.
   */
  public record Seed(List<PodRecord> records) implements Command {}

  /** Forget a pod (it is gone). */
  public record Remove(String key) implements Command {}

  /** Reads through the actor (tests, tools); the API reads the {@link ReadModel} instead. */
  public record GetPod(String key, ActorRef<PodFound> replyTo) implements Command {}

  public record PodFound(java.util.Optional<PodRecord> record) {}

  public record ListPods(LabelSelector selector, ActorRef<PodsListed> replyTo) implements Command {}

  public record PodsListed(long resourceVersion, List<PodRecord> pods) {}

  /** An agent seen in an offer (from the offer pool). */
  public record AgentSeen(AgentView agent) implements Command {}

  public record ListAgents(ActorRef<AgentsListed> replyTo) implements Command {}

  public record AgentsListed(List<AgentView> agents) {}

  /** An agent as the minions list shows it: resources as last offered, in whole units. */
  public record AgentView(String agentId, String hostname, String ip, double cpus, double memMb, String ports) {}

  private static final byte[] NO_JSON = new byte[0];

  private final ReadModel reads;
  private final Function<PodRecord, byte[]> render;
  private StoreSnapshot state;
  /** Keys pod actors stored or removed before the first {@link Seed}; null once it came. */
  private java.util.Set<String> touched = new java.util.HashSet<>();

  /** A store that publishes into {@code reads} and renders each stored record with {@code render}. */
  public static Behavior<Command> create(ReadModel reads, Function<PodRecord, byte[]> render) {
    return Behaviors.setup(ctx -> new ObjectStore(ctx, reads, render));
  }

  /** A store for readers of records only (tests): no JSON is rendered, its read model is private. */
  public static Behavior<Command> create() {
    return create(new ReadModel(), r -> NO_JSON);
  }

  private ObjectStore(ActorContext<Command> context, ReadModel reads, Function<PodRecord, byte[]> render) {
    super(context);
    this.reads = reads;
    this.render = render;
    this.state = reads.current();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Upsert.class, this::onUpsert)
        .onMessage(Remove.class, this::onRemove)
        .onMessage(Seed.class, this::onSeed)
        .onMessage(AgentSeen.class, m -> publish(state.withAgent(m.agent())))
        .onMessage(GetPod.class, m -> reply(m.replyTo(), new PodFound(state.pod(m.key()).map(StoredPod::record))))
        .onMessage(ListPods.class, m -> reply(m.replyTo(), new PodsListed(state.resourceVersion(),
            state.pods(m.selector()).stream().map(StoredPod::record).toList())))
        .onMessage(ListAgents.class, m -> reply(m.replyTo(), new AgentsListed(state.agents())))
        .build();
  }

  private Behavior<Command> onUpsert(Upsert m) {
    if (touched != null) touched.add(m.record().key());
    long version = state.resourceVersion() + 1;
    PodRecord stored = m.record().withVersion(version);
    publish(state.withPod(version, new StoredPod(stored, renderOrNull(stored))));
    m.replyTo().tell(new Stored(stored));
    return this;
  }

  private Behavior<Command> onSeed(Seed m) {
    StoreSnapshot next = state;
    for (PodRecord r : m.records()) {
      if (next.pod(r.key()).isPresent() || (touched != null && touched.contains(r.key()))) continue;
      long version = next.resourceVersion() + 1;
      PodRecord stored = r.withVersion(version);
      next = next.withPod(version, new StoredPod(stored, renderOrNull(stored)));
    }
    touched = null;
    return publish(next);
  }

  /** A record that cannot be rendered is still stored (and its pod actor answered); readers render it again. */
  private byte[] renderOrNull(PodRecord record) {
    try {
      return render.apply(record);
    } catch (RuntimeException e) {
      getContext().getLog().error("cannot render pod {} at resourceVersion {}: {}", record.key(),
          record.resourceVersion(), e.toString());
      return null;
    }
  }

  private Behavior<Command> onRemove(Remove m) {
    if (touched != null) touched.add(m.key());
    if (state.pod(m.key()).isPresent()) {
      publish(state.withoutPod(state.resourceVersion() + 1, m.key()));
    }
    return this;
  }

  private Behavior<Command> publish(StoreSnapshot next) {
    state = next;
    reads.publish(next);
    return this;
  }

  private <T> Behavior<Command> reply(ActorRef<T> to, T message) {
    to.tell(message);
    return this;
  }
}
