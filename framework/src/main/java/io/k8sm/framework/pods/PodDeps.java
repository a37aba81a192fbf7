package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import io.k8sm.framework.FrameworkSettings;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.PodRecord;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.ExecutorInfo;

/**
 * What every pod actor talks to, handed down by the supervisor: the offer pool, the bridge to
 * Mesos, the object store, our ExecutorInfo, the pod timings, and where pod snapshots go for JMX
 * ({@code onRemoved} when a pod is gone).
 */
public record PodDeps(
    ActorRef<OfferPool.Command> pool,
    ActorRef<MesosBridge.Command> bridge,
    ActorRef<ObjectStore.Command> store,
    ExecutorInfo executor,
    FrameworkSettings.Pods timings,
    Consumer<PodRecord> onChanged,
    Consumer<String> onRemoved) {}
