package io.k8sm.local.master;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.mesos.v1.Protos.Resource;

/**
 * An immutable bag of Mesos resources with exact arithmetic: scalars in fixed point (thousandths,
 * the precision Mesos keeps), ranges as merged inclusive intervals, sets as sorted strings.
 *
 * <p>Resources are grouped by identity: the whole {@link Resource} message without its quantity
 * and without {@code allocation_info} (which only says to whom an offer went). Two resources with
 * the same name but a different role, reservation or disk are different identities and never mix.
 */
public final class Resources {
  private static final Resources EMPTY = new Resources(Map.of());

  private final Map<Resource, ResourceQuantity> items; // key: identity (quantity and allocation cleared)

  private Resources(Map<Resource, ResourceQuantity> items) {
    this.items = items;
  }

  public static Resources empty() {
    return EMPTY;
  }

  /** Adds up {@code resources}; rejects negative scalars and ranges whose begin exceeds end. */
  public static Resources of(Collection<Resource> resources) {
    Resources sum = EMPTY;
    for (Resource r : resources) {
      sum = sum.plus(new Resources(Map.of(identity(r), ResourceQuantity.of(r))));
    }
    return sum;
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  public Resources plus(Resources other) {
    Map<Resource, ResourceQuantity> sum = new LinkedHashMap<>(items);
    other.items.forEach((k, q) -> sum.merge(k, q, ResourceQuantity::plus));
    return new Resources(withoutEmpty(sum));
  }

  /** True when every identity of {@code other} is present here in at least that quantity. */
  public boolean contains(Resources other) {
    for (Map.Entry<Resource, ResourceQuantity> e : other.items.entrySet()) {
      ResourceQuantity mine = items.get(e.getKey());
      if (mine == null || !mine.contains(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** This minus {@code other}; {@code other} must be contained (see {@link #contains}). */
  public Resources minus(Resources other) {
    if (!contains(other)) {
      throw new IllegalArgumentException(other + " is not contained in " + this);
    }
    Map<Resource, ResourceQuantity> rest = new LinkedHashMap<>(items);
    other.items.forEach((k, q) -> rest.put(k, rest.get(k).minus(q)));
    return new Resources(withoutEmpty(rest));
  }

  /** Total of one scalar name over all identities, in thousandths. */
  public long scalarMillis(String name) {
    long total = 0;
    for (Map.Entry<Resource, ResourceQuantity> e : items.entrySet()) {
      if (e.getKey().getName().equals(name) && e.getValue() instanceof ResourceQuantity.Scalar s) {
        total += s.millis();
      }
    }
    return total;
  }

  /** The resources as protos, each stamped with {@code allocationRole} when it is non-null. */
  public List<Resource> toProtos(String allocationRole) {
    List<Resource> out = new ArrayList<>(items.size());
    items.forEach((k, q) -> {
      Resource.Builder b = q.writeTo(k.toBuilder());
      if (!b.hasRole() && b.getReservationsCount() == 0) {
        b.setRole("*"); // unreserved, written the way a Mesos master writes it
      }
      if (allocationRole != null) {
        b.getAllocationInfoBuilder().setRole(allocationRole);
      }
      out.add(b.build());
    });
    return out;
  }

  public List<Resource> toProtos() {
    return toProtos(null);
  }

  /** The resource without quantity and allocation; the default role "*" and an unset role are one. */
  private static Resource identity(Resource r) {
    Resource.Builder b = r.toBuilder().clearScalar().clearRanges().clearSet().clearAllocationInfo();
    if (b.getRole().equals("*")) {
      b.clearRole();
    }
    return b.build();
  }

  private static Map<Resource, ResourceQuantity> withoutEmpty(Map<Resource, ResourceQuantity> m) {
    m.values().removeIf(ResourceQuantity::isEmpty);
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resources r && r.items.equals(items);
  }

  @Override
  public int hashCode() {
    return Objects.hash(items);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    items.forEach((k, q) -> {
      if (sb.length() > 0) {
        sb.append(';');
      }
      sb.append(k.getName());
      if (k.hasRole() && !k.getRole().equals("*")) {
        sb.append('(').append(k.getRole()).append(')');
      }
      sb.append(':').append(q);
    });
    return sb.length() == 0 ? "{}" : sb.toString();
  }
}
