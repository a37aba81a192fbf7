package io.k8sm.protocol.testing;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Builders of Mesos offers and resources as an agent would advertise them (unreserved, role "*",
 * mem and disk in MB, ports as inclusive ranges). Shared with the other modules' tests.
 */
public final class Offers {
  public static final String FRAMEWORK_ID = "framework-1";

  private Offers() {}

  public static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)).setRole("*").build();
  }

  public static Resource cpus(double cpus) {
    return scalar("cpus", cpus);
  }

  public static Resource mem(double megabytes) {
    return scalar("mem", megabytes);
  }

  public static Resource disk(double megabytes) {
    return scalar("disk", megabytes);
  }

  /** A ports resource; {@code bounds} are begin/end pairs, inclusive: {@code ports(31000, 31005, 31100, 32000)}. */
  public static Resource ports(long... bounds) {
    if (bounds.length == 0 || bounds.length % 2 != 0) {
      throw new IllegalArgumentException("ports needs begin/end pairs, got " + bounds.length + " numbers");
    }
    Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
    for (int i = 0; i < bounds.length; i += 2) {
      ranges.addRange(Value.Range.newBuilder().setBegin(bounds[i]).setEnd(bounds[i + 1]));
    }
    return Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(ranges).setRole("*").build();
  }

  /** An offer of cpus, mem, disk and one port range from {@code agentId} at {@code hostname}. */
  public static Offer of(String offerId, String agentId, String hostname, double cpus, double memMb,
      double diskMb, long portsBegin, long portsEnd) {
    return builder(offerId, agentId, hostname)
        .addResources(cpus(cpus)).addResources(mem(memMb)).addResources(disk(diskMb))
        .addResources(ports(portsBegin, portsEnd))
        .build();
  }

  /** The identity part of an offer; add resources, attributes or executor ids yourself. */
  public static Offer.Builder builder(String offerId, String agentId, String hostname) {
    return Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue(offerId))
        .setFrameworkId(FrameworkID.newBuilder().setValue(FRAMEWORK_ID))
        .setAgentId(AgentID.newBuilder().setValue(agentId))
        .setHostname(hostname);
  }
}
