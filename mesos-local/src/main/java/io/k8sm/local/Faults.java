package io.k8sm.local;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import io.k8sm.local.agent.Agent;
import io.k8sm.local.master.Leadership;
import io.k8sm.local.master.Master;
import io.k8sm.local.sim.SimulatedAgent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * Fault injection for tests: lose agents, fail or finish simulated tasks, restart the master (state
 * kept or wiped), slow every response down, drop subscriptions, switch leadership. Random choices
 * use the settings' seed, so a run is reproducible. Every method returns once the master has acted.
 */
public final class Faults {
  private static final Duration ASK = Duration.ofSeconds(10);

  private final ActorSystem<?> system;
  private final ActorRef<Master.Command> master;
  private final Random random;
  private final AtomicReference<Duration> responseDelay = new AtomicReference<>(Duration.ZERO);
  private final AtomicReference<Leadership> leadership;

  Faults(ActorSystem<?> system, ActorRef<Master.Command> master, long seed, Leadership initial) {
    this.system = system;
    this.master = master;
    this.random = new Random(seed);
    this.leadership = new AtomicReference<>(initial);
  }

  /** The agent disappears: its offers are rescinded and its tasks reported unreachable/lost. */
  public boolean loseAgent(AgentID agent) {
    return ask(r -> new Master.LoseAgent(agent, r));
  }

  /** Loses an agent picked with the seeded random; empty when none is left. */
  public synchronized Optional<AgentID> loseRandomAgent() {
    List<Agent> agents = ask(Master.AgentsQuery::new);
    if (agents.isEmpty()) {
      return Optional.empty();
    }
    AgentID id = agents.get(random.nextInt(agents.size())).info().getId();
    loseAgent(id);
    return Optional.of(id);
  }

  /** A simulated task fails with {@code message}; false when no simulated agent runs it. */
  public boolean failTask(TaskID task, String message) {
    return simulatedAgentOf(task).map(a -> { a.failTask(task, message); return true; }).orElse(false);
  }

  /** A simulated task finishes (TASK_FINISHED); false when no simulated agent runs it. */
  public boolean finishTask(TaskID task) {
    return simulatedAgentOf(task).map(a -> { a.finishTask(task); return true; }).orElse(false);
  }

  /** All subscription streams break; {@code wipeState} makes the master forget frameworks too. */
  public void restartMaster(boolean wipeState) {
    ask((ActorRef<akka.Done> r) -> new Master.Restart(wipeState, r));
  }

  /** Breaks every subscription connection, as a network failure would; returns how many. */
  public int dropSubscriptions() {
    return ask(Master.DropSubscriptions::new);
  }

  /** Delays every scheduler endpoint response by {@code delay} (zero turns it off). */
  public void slowResponses(Duration delay) {
    responseDelay.set(delay);
  }

  /** Makes this master a standby redirecting to {@code hostPort}, a master with no leader, or the leader. */
  public void leadership(Leadership l) {
    leadership.set(l);
  }

  Duration responseDelay() {
    return responseDelay.get();
  }

  Leadership currentLeadership() {
    return leadership.get();
  }

  private Optional<SimulatedAgent> simulatedAgentOf(TaskID task) {
    Optional<Agent> agent = ask(r -> new Master.FindTaskAgent(task, r));
    return agent.filter(a -> a instanceof SimulatedAgent).map(a -> (SimulatedAgent) a);
  }

  <T> T ask(Function<ActorRef<T>, Master.Command> message) {
    CompletionStage<T> reply = AskPattern.ask(master, message::apply, ASK, system.scheduler());
    try {
      return reply.toCompletableFuture().get(ASK.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the master", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the master did not answer: " + e.getMessage(), e);
    }
  }
}
