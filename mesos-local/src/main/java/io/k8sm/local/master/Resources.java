package io.k8sm.local.master;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

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

  private final Map<Resource, Quantity> items; // key: identity (quantity and allocation cleared)

  private Resources(Map<Resource, Quantity> items) {
    this.items = items;
  }

  public static Resources empty() {
    return EMPTY;
  }

  /** Adds up {@code resources}; rejects negative scalars and ranges whose begin exceeds end. */
  public static Resources of(Collection<Resource> resources) {
    Resources sum = EMPTY;
    for (Resource r : resources) {
      sum = sum.plus(new Resources(Map.of(identity(r), Quantity.of(r))));
    }
    return sum;
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  public Resources plus(Resources other) {
    Map<Resource, Quantity> sum = new LinkedHashMap<>(items);
    other.items.forEach((k, q) -> sum.merge(k, q, Quantity::plus));
    return new Resources(withoutEmpty(sum));
  }

  /** True when every identity of {@code other} is present here in at least that quantity. */
  public boolean contains(Resources other) {
    for (Map.Entry<Resource, Quantity> e : other.items.entrySet()) {
      Quantity mine = items.get(e.getKey());
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
    Map<Resource, Quantity> rest = new LinkedHashMap<>(items);
    other.items.forEach((k, q) -> rest.put(k, rest.get(k).minus(q)));
    return new Resources(withoutEmpty(rest));
  }

  /** Total of one scalar name over all identities, in thousandths. */
  public long scalarMillis(String name) {
    long total = 0;
    for (Map.Entry<Resource, Quantity> e : items.entrySet()) {
      if (e.getKey().getName().equals(name) && e.getValue() instanceof Quantity.Scalar s) {
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

  private static Map<Resource, Quantity> withoutEmpty(Map<Resource, Quantity> m) {
    m.values().removeIf(Quantity::isEmpty);
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

  /** How much of one identity: a scalar, a set of ranges or a set of items. */
  sealed interface Quantity {
    boolean isEmpty();

    boolean contains(Quantity other);

    Quantity plus(Quantity other);

    Quantity minus(Quantity other);

    Resource.Builder writeTo(Resource.Builder identity);

    static Quantity of(Resource r) {
      return switch (r.getType()) {
        case SCALAR -> {
          double v = r.getScalar().getValue();
          if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("resource " + r.getName() + " has invalid value " + v);
          }
          yield new Scalar(Math.round(v * 1000));
        }
        case RANGES -> Ranges.of(r.getName(), r.getRanges());
        case SET -> new Items(new TreeSet<>(r.getSet().getItemList()));
        default -> throw new IllegalArgumentException("resource " + r.getName() + " has no supported type");
      };
    }

    record Scalar(long millis) implements Quantity {
      public boolean isEmpty() {
        return millis == 0;
      }

      public boolean contains(Quantity o) {
        return o instanceof Scalar s && millis >= s.millis;
      }

      public Quantity plus(Quantity o) {
        return new Scalar(millis + ((Scalar) o).millis);
      }

      public Quantity minus(Quantity o) {
        return new Scalar(millis - ((Scalar) o).millis);
      }

      public Resource.Builder writeTo(Resource.Builder b) {
        return b.setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(millis / 1000.0));
      }

      @Override
      public String toString() {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
      }
    }

    /** Merged, non-adjacent inclusive intervals: begin -> end. */
    record Ranges(TreeMap<Long, Long> spans) implements Quantity {
      static Ranges of(String name, Value.Ranges ranges) {
        Ranges out = new Ranges(new TreeMap<>());
        for (Value.Range r : ranges.getRangeList()) {
          if (r.getBegin() > r.getEnd()) {
            throw new IllegalArgumentException("resource " + name + " has range " + r.getBegin() + "-" + r.getEnd()
                + " whose begin exceeds its end");
          }
          out = (Ranges) out.plus(single(r.getBegin(), r.getEnd()));
        }
        return out;
      }

      static Ranges single(long begin, long end) {
        TreeMap<Long, Long> m = new TreeMap<>();
        m.put(begin, end);
        return new Ranges(m);
      }

      public boolean isEmpty() {
        return spans.isEmpty();
      }

      public boolean contains(Quantity o) {
        if (!(o instanceof Ranges r)) {
          return false;
        }
        for (Map.Entry<Long, Long> s : r.spans.entrySet()) {
          Map.Entry<Long, Long> mine = spans.floorEntry(s.getKey());
          if (mine == null || mine.getValue() < s.getValue()) {
            return false;
          }
        }
        return true;
      }

      public Quantity plus(Quantity o) {
        TreeMap<Long, Long> m = new TreeMap<>(spans);
        for (Map.Entry<Long, Long> s : ((Ranges) o).spans.entrySet()) {
          long begin = s.getKey();
          long end = s.getValue();
          Map.Entry<Long, Long> before = m.floorEntry(begin);
          if (before != null && before.getValue() >= begin - 1) {
            begin = before.getKey();
            end = Math.max(end, before.getValue());
            m.remove(before.getKey());
          }
          Map.Entry<Long, Long> next;
          while ((next = m.ceilingEntry(begin)) != null && next.getKey() <= end + 1) {
            end = Math.max(end, next.getValue());
            m.remove(next.getKey());
          }
          m.put(begin, end);
        }
        return new Ranges(m);
      }

      public Quantity minus(Quantity o) {
        TreeMap<Long, Long> m = new TreeMap<>(spans);
        for (Map.Entry<Long, Long> s : ((Ranges) o).spans.entrySet()) {
          Map.Entry<Long, Long> host = m.floorEntry(s.getKey());
          m.remove(host.getKey());
          if (host.getKey() < s.getKey()) {
            m.put(host.getKey(), s.getKey() - 1);
          }
          if (host.getValue() > s.getValue()) {
            m.put(s.getValue() + 1, host.getValue());
          }
        }
        return new Ranges(m);
      }

      public Resource.Builder writeTo(Resource.Builder b) {
        Value.Ranges.Builder rb = Value.Ranges.newBuilder();
        spans.forEach((begin, end) -> rb.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end)));
        return b.setType(Value.Type.RANGES).setRanges(rb);
      }

      @Override
      public String toString() {
        StringBuilder sb = new StringBuilder("[");
        spans.forEach((begin, end) -> sb.append(sb.length() > 1 ? ", " : "").append(begin).append('-').append(end));
        return sb.append(']').toString();
      }
    }

    record Items(TreeSet<String> items) implements Quantity {
      public boolean isEmpty() {
        return items.isEmpty();
      }

      public boolean contains(Quantity o) {
        return o instanceof Items s && items.containsAll(s.items);
      }

      public Quantity plus(Quantity o) {
        TreeSet<String> s = new TreeSet<>(items);
        s.addAll(((Items) o).items);
        return new Items(s);
      }

      public Quantity minus(Quantity o) {
        TreeSet<String> s = new TreeSet<>(items);
        s.removeAll(((Items) o).items);
        return new Items(s);
      }

      public Resource.Builder writeTo(Resource.Builder b) {
        return b.setType(Value.Type.SET).setSet(Value.Set.newBuilder().addAllItem(items));
      }

      @Override
      public String toString() {
        return "{" + String.join(",", items) + "}";
      }
    }
  }
}
