package io.k8sm.local.master;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** How much of one identity: a scalar, a set of ranges or a set of items. */
sealed interface ResourceQuantity {
  boolean isEmpty();

  boolean contains(ResourceQuantity other);

  ResourceQuantity plus(ResourceQuantity other);

  ResourceQuantity minus(ResourceQuantity other);

  Resource.Builder writeTo(Resource.Builder identity);

  static ResourceQuantity of(Resource r) {
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

  record Scalar(long millis) implements ResourceQuantity {
    public boolean isEmpty() {
      return millis == 0;
    }

    public boolean contains(ResourceQuantity o) {
      return o instanceof Scalar s && millis >= s.millis;
    }

    public ResourceQuantity plus(ResourceQuantity o) {
      return new Scalar(millis + ((Scalar) o).millis);
    }

    public ResourceQuantity minus(ResourceQuantity o) {
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
  record Ranges(TreeMap<Long, Long> spans) implements ResourceQuantity {
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

    public boolean contains(ResourceQuantity o) {
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

    public ResourceQuantity plus(ResourceQuantity o) {
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

    public ResourceQuantity minus(ResourceQuantity o) {
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

  record Items(TreeSet<String> items) implements ResourceQuantity {
    public boolean isEmpty() {
      return items.isEmpty();
    }

    public boolean contains(ResourceQuantity o) {
      return o instanceof Items s && items.containsAll(s.items);
    }

    public ResourceQuantity plus(ResourceQuantity o) {
      TreeSet<String> s = new TreeSet<>(items);
      s.addAll(((Items) o).items);
      return new Items(s);
    }

    public ResourceQuantity minus(ResourceQuantity o) {
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
