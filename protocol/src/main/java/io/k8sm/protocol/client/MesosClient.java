package io.k8sm.protocol.client;

import akka.actor.typed.ActorSystem;
import com.google.protobuf.Message;
import java.util.concurrent.CompletionStage;

/**
 * A client of one Mesos v1 streaming API: the scheduler API of a master or the executor API of an
 * agent. It only opens subscriptions; each {@link Subscription} then carries the events and sends
 * the calls. Stateless and thread-safe: resubscribing is simply calling {@link #subscribe} again.
 *
 * @param <C> the API's Call message
 * @param <E> the API's Event message
 */
public final class MesosClient<C extends Message, E extends Message> {
  private final ActorSystem<?> system;
  private final ClientSettings settings;
  private final MesosApi<C, E> api;

  private MesosClient(ActorSystem<?> system, ClientSettings settings, MesosApi<C, E> api) {
    this.system = system;
    this.settings = settings;
    this.api = api;
  }

  /** A client of the scheduler API; heartbeats are checked from SUBSCRIBED's interval. */
  public static MesosClient<org.apache.mesos.v1.scheduler.Protos.Call, org.apache.mesos.v1.scheduler.Protos.Event>
      scheduler(ActorSystem<?> system, ClientSettings settings) {
    return new MesosClient<>(system, settings, MesosApi.scheduler());
  }

  /** A client of the executor API; the stream is not timed out (the agent heartbeats rarely). */
  public static MesosClient<org.apache.mesos.v1.executor.Protos.Call, org.apache.mesos.v1.executor.Protos.Event>
      executor(ActorSystem<?> system, ClientSettings settings) {
    return new MesosClient<>(system, settings, MesosApi.executor());
  }

  public ClientSettings settings() {
    return settings;
  }

  /**
   * POSTs SUBSCRIBE; completes when a 200 arrives (after redirects and 503 retries), or fails with
   * {@link MesosHttpException} (the last status and body) or {@link java.net.ConnectException} (no
   * master gave any answer: refused, reset or silent past the request timeout; each one's reason is
   * in the message, the last one is the cause).
   */
  public CompletionStage<Subscription<C, E>> subscribe(C subscribeCall) {
    return new Subscriber<>(system, settings, api).subscribe(subscribeCall);
  }
}
