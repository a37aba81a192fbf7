package io.k8sm.local.agent;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Resource;

/** Resources written back in the {@code --resources} flag syntax, for logs and messages. */
final class ResourceSpecText {
  private ResourceSpecText() {}

  static String render(List<Resource> resources) {
    return resources.stream().map(r -> r.getName() + ":" + switch (r.getType()) {
      case SCALAR -> trim(r.getScalar().getValue());
      case RANGES -> r.getRanges().getRangeList().stream().map(x -> x.getBegin() + "-" + x.getEnd())
          .collect(Collectors.joining(",", "[", "]"));
      case SET -> String.join(",", r.getSet().getItemList()).transform(s -> "{" + s + "}");
      default -> "?";
    }).collect(Collectors.joining(";"));
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
