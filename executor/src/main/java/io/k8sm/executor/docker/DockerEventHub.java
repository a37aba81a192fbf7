package io.k8sm.executor.docker;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import com.github.dockerjava.api.model.Event;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The executor's single Docker events stream, fanned out to the container actors (kubelet's PLEG,
 * without the polling). It watches every container event of containers carrying the owner's
 * labels and forwards each to whoever {@link Watch}es that container id.
 *
 * <p>Invariants: one stream at a time. When it ends it is reopened with {@code since} set to the
 * last event seen, so a gap replays rather than loses events (and may repeat some: receivers treat
 * events as hints and confirm with an inspect); the wait grows from {@link #RECONNECT_DELAY} to 32
 * times that while the engine stays away. The first stream starts slightly in the past, so a
 * container started before the stream was up is still seen.
 */
public final class DockerEventHub extends AbstractBehavior<DockerEventHub.Command> {
  static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

  public sealed interface Command {}

  /** Sends every later event of container {@code containerId} to {@code replyTo}. */
  public record Watch(String containerId, ActorRef<ContainerEvent> replyTo) implements Command {}

  public record Unwatch(String containerId) implements Command {}

  /** One Docker event: {@code action} is Docker's (start, die, oom, destroy ...). */
  public record ContainerEvent(String containerId, String action, Map<String, String> attributes) {}

  private record Received(Event event, int generation) implements Command {}

  private record StreamEnded(Throwable failure, int generation) implements Command {}

  private enum Reopen implements Command { INSTANCE }

  private final DockerRuntime docker;
  private final Map<String, String> labels;
  private final TimerScheduler<Command> timers;
  private final Map<String, ActorRef<ContainerEvent>> watchers = new HashMap<>();
  private long sinceSeconds;
  private int generation;
  private int failures;
  private Closeable stream;

  public static Behavior<Command> create(DockerRuntime docker, Map<String, String> labels) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new DockerEventHub(ctx, docker, labels, timers)));
  }

  private DockerEventHub(ActorContext<Command> ctx, DockerRuntime docker, Map<String, String> labels,
      TimerScheduler<Command> timers) {
    super(ctx);
    this.docker = docker;
    this.labels = labels;
    this.timers = timers;
    this.sinceSeconds = System.currentTimeMillis() / 1000 - 2;
    open();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Watch.class, w -> {
          watchers.put(w.containerId(), w.replyTo());
          return this;
        })
        .onMessage(Unwatch.class, u -> {
          watchers.remove(u.containerId());
          return this;
        })
        .onMessage(Received.class, this::onReceived)
        .onMessage(StreamEnded.class, this::onStreamEnded)
        .onMessage(Reopen.class, r -> {
          open();
          return this;
        })
        .onSignal(PostStop.class, s -> {
          closeStream();
          return this;
        })
        .build();
  }

  private Behavior<Command> onReceived(Received r) {
    if (r.generation() != generation) {
      return this;
    }
    Event e = r.event();
    failures = 0;
    if (e.getTime() != null) {
      sinceSeconds = Math.max(sinceSeconds, e.getTime());
    }
    ActorRef<ContainerEvent> watcher = watchers.get(e.getId());
    if (watcher != null && e.getAction() != null) {
      Map<String, String> attributes = e.getActor() == null || e.getActor().getAttributes() == null
          ? Map.of() : e.getActor().getAttributes();
      watcher.tell(new ContainerEvent(e.getId(), e.getAction(), attributes));
    }
    return this;
  }

  private Behavior<Command> onStreamEnded(StreamEnded ended) {
    if (ended.generation() == generation) {
      failures++;
      Duration delay = RECONNECT_DELAY.multipliedBy(1L << Math.min(failures - 1, 5));
      String why = ended.failure() == null ? "closed" : ended.failure().getMessage();
      // One line when the stream goes away, then one per 10 attempts: an absent engine stays quiet.
      if (failures == 1 || failures % 10 == 0) {
        getContext().getLog().warn("Docker events stream at {} ended ({}); reopening (attempt {}, next in {} ms)",
            docker.dockerHost(), why, failures, delay.toMillis());
      }
      closeStream();
      timers.startSingleTimer(Reopen.INSTANCE, delay);
    }
    return this;
  }

  private void open() {
    int gen = ++generation;
    ActorRef<Command> self = getContext().getSelf();
    try {
      stream = docker.events(labels, sinceSeconds, e -> self.tell(new Received(e, gen)),
          failure -> self.tell(new StreamEnded(failure, gen)));
    } catch (RuntimeException e) {
      self.tell(new StreamEnded(e, gen));
    }
  }

  private void closeStream() {
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException | RuntimeException ignored) {
        // The stream is being abandoned either way.
      }
      stream = null;
    }
  }
}
