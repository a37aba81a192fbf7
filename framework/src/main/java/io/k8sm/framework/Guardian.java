package io.k8sm.framework;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import io.k8sm.framework.api.Admission;
import io.k8sm.framework.api.InFlight;
import io.k8sm.framework.api.PodJson;
import io.k8sm.framework.api.PodsApi;
import io.k8sm.framework.jmx.Jmx;
import io.k8sm.framework.mesos.BridgeSnapshot;
import io.k8sm.framework.mesos.FrameworkIdStore;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.offers.AcceptTiming;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.persistence.Store;
import io.k8sm.framework.pods.ExecutorInfos;
import io.k8sm.framework.pods.PodDeps;
import io.k8sm.framework.pods.PodPersistence;
import io.k8sm.framework.pods.PodSpecs;
import io.k8sm.framework.pods.PodSupervisor;
import io.k8sm.framework.pods.StartupRead;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.ReadModel;
import io.k8sm.protocol.client.ClientSettings;
import io.k8sm.protocol.client.MesosClient;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.ExecutorInfo;

/**
 * The root of the scheduler: spawns the object store, the offer pool, the pod supervisor, the REST
 * API and, once the API listens (its URL is the framework's webui_url), the Mesos bridge.
 *
 * <p>Supervision: the pool, the pod supervisor and the bridge restart with backoff (the pod
 * supervisor keeps its pod actors across a restart); the store resumes (its contents are the only
 * copy of the read side). A child's crash never stops the process. The pool and the pods reach
 * the bridge through this actor, which lets them be created before it.
 */
public final class Guardian extends AbstractBehavior<Guardian.Command> {

  public sealed interface Command {}

  private record ToBridge(MesosBridge.Command call) implements Command {}

  private record HttpBound(ServerBinding binding) implements Command {}

  private record HttpFailed(Throwable cause) implements Command {}

  /** Reported once the API listens. */
  public record Started(String apiUrl, ActorRef<PodSupervisor.Command> pods, ActorRef<ObjectStore.Command> store) {}

  private final FrameworkSettings settings;
  private final ClientSettings client;
  private final Jmx jmx;
  private final Consumer<BridgeSnapshot> onBridge;
  private final CompletableFuture<Started> started;
  private final ActorRef<FrameworkIdStore.Command> ids;
  private final ActorRef<ObjectStore.Command> store;
  private final ActorRef<PodSupervisor.Command> pods;
  private final ActorRef<OfferPool.Command> pool;
  private ActorRef<MesosBridge.Command> bridge;
  private ServerBinding binding;

  public static Behavior<Command> create(FrameworkSettings settings, ClientSettings client, Jmx jmx,
      Consumer<BridgeSnapshot> onBridge, CompletableFuture<Started> started, Consumer<String> fatal) {
    return Behaviors.setup(ctx -> new Guardian(ctx, settings, client, jmx, onBridge, started, fatal));
  }

  private Guardian(ActorContext<Command> ctx, FrameworkSettings settings, ClientSettings client, Jmx jmx,
      Consumer<BridgeSnapshot> onBridge, CompletableFuture<Started> started, Consumer<String> fatal) {
    super(ctx);
    this.settings = settings;
    this.client = client;
    this.jmx = jmx;
    this.onBridge = onBridge;
    this.started = started;
    ActorRef<MesosBridge.Command> toBridge = ctx.messageAdapter(MesosBridge.Command.class, ToBridge::new);
    ExecutorInfo executor = ExecutorInfos.of(settings);
    ReadModel reads = new ReadModel();
    store = ctx.spawn(Behaviors.supervise(ObjectStore.create(reads, PodJson::render))
        .onFailure(SupervisorStrategy.resume()), "store");
    ActorRef<OfferPool.Command> pool = ctx.spawn(Behaviors.supervise(OfferPool.create(poolSettings(executor),
        toBridge, store, jmx::offerPool)).onFailure(backoff()), "offers");
    ids = ctx.spawn(Behaviors.supervise(FrameworkIdStore.create("framework-id", fatal)).onFailure(backoff()),
        "framework-id");
    PodPersistence persistence = new PodPersistence("pod-registry", settings.recovery().snapshotEvery(),
        settings.recovery().keepSnapshots(), fatal,
        StartupRead.from(Store.parse(settings.store(), settings.dataDir()), ctx.getSystem()));
    pods = ctx.spawn(Behaviors.supervise(PodSupervisor.create(new PodDeps(pool, toBridge, store, executor,
        settings.pods(), jmx::podChanged, jmx::podRemoved), persistence)).onFailure(backoff().withStopChildren(false)),
        "pods");
    PodsApi api = new PodsApi(ctx.getSystem(), pods, reads, settings.pods().namespace(), PodSpecs.Defaults.of(settings),
        settings.apiTimeout());
    Admission admission = new Admission(new InFlight("mutating requests", settings.api().maxMutatingRequestsInflight()));
    ctx.pipeToSelf(Http.get(ctx.getSystem()).newServerAt(settings.address(), settings.port())
            .bind(admission.around(api.routes())),
        (b, err) -> err == null ? new HttpBound(b) : new HttpFailed(err));
    this.pool = pool;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ToBridge.class, m -> {
          if (bridge != null) bridge.tell(m.call());
          return this;
        })
        .onMessage(HttpBound.class, this::onBound)
        .onMessage(HttpFailed.class, m -> {
          getContext().getLog().error("cannot listen on {}:{}: {}", settings.address(), settings.port(), m.cause().toString());
          started.completeExceptionally(m.cause());
          return Behaviors.stopped();
        })
        .onSignal(akka.actor.typed.PostStop.class, s -> {
          if (binding != null) binding.unbind();
          return this;
        })
        .build();
  }

  private Behavior<Command> onBound(HttpBound m) {
    binding = m.binding();
    String url = "http://" + settings.address() + ":" + m.binding().localAddress().getPort();
    getContext().getLog().info("REST API listening on {}/api/v1beta1", url);
    Consumer<BridgeSnapshot> publish = s -> {
      jmx.bridge(s);
      onBridge.accept(s);
    };
    bridge = getContext().spawn(Behaviors.supervise(MesosBridge.create(settings, new MesosBridge.Wiring(
        MesosClient.scheduler(getContext().getSystem(), client), pool, pods, publish, url, ids)))
        .onFailure(backoff()), "mesos");
    started.complete(new Started(url, pods, store));
    return this;
  }

  private OfferPool.Settings poolSettings(ExecutorInfo executor) {
    FrameworkSettings.Offers o = settings.offers();
    return new OfferPool.Settings(o.ttl(), o.declineUnusableSeconds(), o.declineExpiredSeconds(), o.reservationTimeout(),
        o.reviveMinInterval(), settings.machines(), executor.getExecutorId(), ExecutorInfos.cost(settings),
        new AcceptTiming(o.acceptLinger(), o.acceptLingerMax()));
  }

  private akka.actor.typed.BackoffSupervisorStrategy backoff() {
    return SupervisorStrategy.restartWithBackoff(settings.mesos().supervisorBackoffMin(),
        settings.mesos().supervisorBackoffMax(), 0.2);
  }
}
