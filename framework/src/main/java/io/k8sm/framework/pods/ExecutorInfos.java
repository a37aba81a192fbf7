package io.k8sm.framework.pods;

import io.k8sm.framework.FrameworkSettings;
import io.k8sm.framework.offers.ExecutorCost;
import io.k8sm.framework.offers.Scalars;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Our executor as Mesos sees it. The ExecutorInfo is a pure function of the configuration, and its
 * id is a hash of that configuration: every pod on an agent names the identical ExecutorInfo (Mesos
 * requires it), so one executor process serves them all, and a changed configuration gets a new id
 * instead of clashing with executors already running.
 */
public final class ExecutorInfos {
  private ExecutorInfos() {}

  public static ExecutorInfo of(FrameworkSettings s) {
    return of(s.executorPath(), s.executorCpuMillis(), s.executorMemMb(), s.role());
  }

  public static ExecutorInfo of(String path, long cpuMillis, long memMb, String role) {
    String fingerprint = path + "|" + cpuMillis + "|" + memMb + "|" + role;
    return ExecutorInfo.newBuilder()
        .setType(ExecutorInfo.Type.CUSTOM)
        .setExecutorId(ExecutorID.newBuilder().setValue("k8sm-executor-" + sha256(fingerprint).substring(0, 12)))
        .setName("kubernetes-executor")
        .setSource("kubernetes-mesos")
        .setCommand(CommandInfo.newBuilder().setValue(path).setShell(false).addArguments(path))
        .addResources(scalar("cpus", cpuMillis / 1000.0, role))
        .addResources(scalar("mem", memMb, role))
        .build();
  }

  /** What the executor costs in offers, in thousandths. */
  public static ExecutorCost cost(FrameworkSettings s) {
    return new ExecutorCost(s.executorCpuMillis(), s.executorMemMb() * 1000);
  }

  private static Resource scalar(String name, double value, String role) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(Scalars.toDouble(Scalars.toMillis(value))))
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role))
        .build();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
