package io.k8sm.local;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.settings.ServerSettings;
import akka.stream.javadsl.Tcp;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.local.agent.Agent;
import io.k8sm.local.agent.AgentFactory;
import io.k8sm.local.agent.AgentListener;
import io.k8sm.local.agent.RealAgent;
import io.k8sm.local.agent.RealAgentSettings;
import io.k8sm.local.http.MesosHttpServer;
import io.k8sm.local.master.Ids;
import io.k8sm.local.master.Master;
import io.k8sm.local.master.MasterConfig;
import io.k8sm.local.master.SchedulerHttp;
import io.k8sm.local.master.StateHttp;
import io.k8sm.local.sim.SimulatedAgents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mesos-local embedded in a process: a Mesos-compatible master on Akka HTTP with its agents, in
 * this order: real agents (executor processes, v1 executor API), extra agents from factories, then
 * simulated agents. Agent ids are {@code <master-id>-S0}, {@code -S1}, ... in that order.
 *
 * <pre>{@code
 * try (MesosLocal mesos = MesosLocal.start(MesosLocalSettings.fromConfig(ConfigFactory.load())
 *     .toBuilder().port(0).simulatedAgents(3).build())) {
 *   URI master = URI.create(mesos.masterUrl());   // http://127.0.0.1:PORT
 *   ...
 * }
 * }</pre>
 */
public final class MesosLocal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MesosLocal.class);

  private final MesosLocalSettings settings;
  private final ActorSystem<Master.Command> system;
  private final SimulatedAgents simulated;
  private final Tcp.ServerBinding binding;
  private final Faults faults;
  private final List<Agent> started;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private MesosLocal(MesosLocalSettings settings, ActorSystem<Master.Command> system, SimulatedAgents simulated,
      Tcp.ServerBinding binding, Faults faults, List<Agent> started) {
    this.started = List.copyOf(started);
    this.settings = settings;
    this.system = system;
    this.simulated = simulated;
    this.binding = binding;
    this.faults = faults;
  }

  /** Starts the master and its agents and returns once the master listens. */
  public static MesosLocal start(MesosLocalSettings settings) {
    return start(settings, ConfigFactory.load());
  }

  public static MesosLocal start(MesosLocalSettings settings, Config config) {
    SimulatedAgents simulated = new SimulatedAgents();
    MasterConfig masterConfig = new MasterConfig(settings.heartbeatInterval(), settings.allocationInterval(),
        settings.updateRetryBackoff(), settings.updateRetryBackoffMax(), settings.failoverTimersAfterRestart());
    String masterId = Ids.master(settings.seed());
    ActorSystem<Master.Command> system =
        ActorSystem.create(Master.create(masterConfig, masterId), "mesos-local", config);
    List<AgentFactory> agents = new ArrayList<>();
    for (RealAgentSettings real : settings.realAgents()) {
      agents.add(RealAgent.factory(system, real.toBuilder().workDir(settings.workDir()).build()));
    }
    agents.addAll(settings.extraAgents());
    agents.addAll(simulated.factories(settings.simulatedAgents(), settings.simulatedAgentResources(),
        settings.simulatedTaskStartDelay(), settings.seed()));
    List<Agent> started = new ArrayList<>();
    try {
      AgentListener listener = Master.listener(system);
      for (int i = 0; i < agents.size(); i++) {
        Agent agent = agents.get(i).start(AgentID.newBuilder().setValue(Ids.agent(masterId, i)).build(), listener);
        started.add(agent);
        system.tell(new Master.AddAgent(agent));
      }
      Faults faults = new Faults(system, system, settings.seed(), settings.leadership());
      SchedulerHttp http = new SchedulerHttp(system, system, faults::currentLeadership, faults::responseDelay,
          settings.callTimeout());
      StateHttp state = new StateHttp(system, system, faults::currentLeadership, settings.callTimeout());
      Tcp.ServerBinding binding = MesosHttpServer.bind(system, settings.bindAddress(), settings.port(),
              ServerSettings.create(system.classicSystem()),
              request -> StateHttp.serves(request.getUri().path()) ? state.handle(request) : http.handle(request))
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      int port = binding.localAddress().getPort();
      system.tell(new Master.Listening(settings.hostname(), settings.bindAddress(), port));
      log.info("master {} listening on http://{}:{} with {} agent(s)", masterId, settings.hostname(), port,
          agents.size());
      return new MesosLocal(settings, system, simulated, binding, faults, started);
    } catch (Exception e) {
      started.forEach(Agent::stop);
      system.terminate();
      simulated.close();
      throw new IllegalStateException("mesos-local could not listen on " + settings.bindAddress() + ":"
          + settings.port() + ": " + e.getMessage(), e);
    }
  }

  /** The URL schedulers use, e.g. {@code http://127.0.0.1:5050}. */
  public String masterUrl() {
    return "http://" + hostForUrl() + ":" + port();
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public Faults faults() {
    return faults;
  }

  /** The agents currently registered (lost ones are gone). */
  public List<Agent> agents() {
    return faults.ask(Master.AgentsQuery::new);
  }

  public MesosLocalSettings settings() {
    return settings;
  }

  /**
   * Stops agents (real agents shut their executors down, waiting for their grace periods), the
   * HTTP server and the actor system. Closing twice is harmless.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      faults.ask((akka.actor.typed.ActorRef<akka.Done> r) -> new Master.Stop(r));
    } catch (RuntimeException e) {
      log.warn("agents did not stop cleanly: {}", e.getMessage());
    }
    for (Agent agent : started) {
      if (agent instanceof RealAgent real) {
        // executors get SHUTDOWN and their grace period before the actor system goes away
        real.stop();
        try {
          real.whenStopped().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
          log.warn("agent {} did not stop in time: {}", real.info().getId().getValue(), e.getMessage());
        }
      }
    }
    try {
      // Open connections end with the actor system below; their streams were closed by Stop.
      binding.unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("unbinding: {}", e.getMessage());
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("actor system did not terminate in time: {}", e.getMessage());
    }
    simulated.close();
  }

  private String hostForUrl() {
    String h = settings.hostname();
    return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
  }
}
