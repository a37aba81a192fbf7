package io.k8sm.framework.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** Offer fixtures: {@code Offers.of("h1", 2, 1024, 31000, 31010)}. */
public final class Offers {
  private static final AtomicInteger IDS = new AtomicInteger();

  private Offers() {}

  /** An offer from agent {@code host} with cpus, mem (MB) and one port range [from, to]. */
  public static Offer of(String host, double cpus, double mem, long from, long to) {
    return builder(host, cpus, mem).addResources(ports(from, to)).build();
  }

  /** An offer without ports. */
  public static Offer of(String host, double cpus, double mem) {
    return builder(host, cpus, mem).build();
  }

  public static Offer.Builder builder(String host, double cpus, double mem) {
    return Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue("offer-" + IDS.incrementAndGet()))
        .setFrameworkId(FrameworkID.newBuilder().setValue("fw"))
        .setAgentId(AgentID.newBuilder().setValue("agent-" + host))
        .setHostname(host)
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("*"))
        .addResources(scalar("cpus", cpus))
        .addResources(scalar("mem", mem));
  }

  /** The same offer, listing {@code executor} as already running on the agent. */
  public static Offer withExecutor(Offer offer, ExecutorID executor) {
    return offer.toBuilder().addExecutorIds(executor).build();
  }

  public static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value))
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("*")).build();
  }

  public static Resource ports(long from, long to) {
    return Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
        .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(from).setEnd(to)))
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("*")).build();
  }
}
