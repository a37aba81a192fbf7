package io.k8sm.framework.offers;

import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * What is still free in one offer. Immutable: taking resources yields a new view.
 *
 * <p>Each offered {@link Resource} is kept as a template (role, reservations, allocation info)
 * with the quantity still free, because the same name can appear several times with different
 * identities; what a task gets is a copy of the template with only the quantity changed.
 * Revocable, shared and mount/persistent disk resources are left out: pods never use them.
 */
public record OfferView(Offer offer, List<Scalar> scalars, List<PortRange> ports, boolean executorRunning) {

  /** A scalar resource of one identity with {@code available} thousandths left. */
  public record Scalar(Resource template, long available) {
    public String name() {
      return template.getName();
    }
  }

  /** A free port range [begin, end] of one identity. */
  public record PortRange(Resource template, long begin, long end) {
    boolean contains(long port) {
      return port >= begin && port <= end;
    }
  }

  public OfferView {
    scalars = List.copyOf(scalars);
    ports = List.copyOf(ports);
  }

  /** A view of a fresh offer; {@code ours} is our executor's id (running if the offer lists it). */
  public static OfferView of(Offer offer, ExecutorID ours) {
    List<Scalar> scalars = new ArrayList<>();
    List<PortRange> ports = new ArrayList<>();
    for (Resource r : offer.getResourcesList()) {
      if (r.hasRevocable() || r.hasShared() || (r.hasDisk() && (r.getDisk().hasSource() || r.getDisk().hasPersistence()))) {
        continue;
      }
      if (r.getType() == Value.Type.SCALAR && r.hasScalar()) {
        scalars.add(new Scalar(r, Scalars.toMillis(r.getScalar().getValue())));
      } else if (r.getType() == Value.Type.RANGES && r.getName().equals("ports") && r.hasRanges()) {
        for (Value.Range range : r.getRanges().getRangeList()) {
          ports.add(new PortRange(r, range.getBegin(), range.getEnd()));
        }
      }
    }
    return new OfferView(offer, scalars, ports, offer.getExecutorIdsList().contains(ours));
  }

  public String id() {
    return offer.getId().getValue();
  }

  public String hostname() {
    return offer.getHostname();
  }

  /** Sum of what is left of a scalar, in thousandths. */
  public long total(String name) {
    // A plain loop: the pool asks this for every waiting pod against every held offer.
    long sum = 0;
    for (int i = 0; i < scalars.size(); i++) {
      Scalar s = scalars.get(i);
      if (s.name().equals(name)) sum += s.available();
    }
    return sum;
  }

  public boolean offersPort(long port) {
    for (int i = 0; i < ports.size(); i++) {
      if (ports.get(i).contains(port)) return true;
    }
    return false;
  }

  /** The same view with the executor counted as present (its cost has been charged). */
  OfferView withExecutor() {
    return new OfferView(offer, scalars, ports, true);
  }
}
