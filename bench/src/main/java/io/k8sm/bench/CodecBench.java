package io.k8sm.bench;

import akka.util.ByteString;
import com.google.protobuf.Message;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.pod.PodStatusReport;
import io.k8sm.protocol.pod.PodTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * What the framework pays per scheduler-API message in each body encoding: {@code Encoding.encode}
 * of its calls and {@code Encoding.decode} of the events it reads, on messages shaped like the
 * ones a pod burst produces. {@code java -cp bench.jar:lib/* io.k8sm.bench.CodecBench [rounds]};
 * prints the best (least disturbed by other processes on a shared machine) of the rounds' mean ns
 * per message, after as many warm-up rounds, and the body size.
 */
public final class CodecBench {
  private CodecBench() {}

  record Sample(String name, Message message, boolean event) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    System.out.printf("%-28s %10s %8s %10s %8s %7s%n", "message (framework's side)", "json ns", "bytes",
        "proto ns", "bytes", "ratio");
    for (Sample s : samples()) {
      long json = best(s, Encoding.JSON, rounds);
      long proto = best(s, Encoding.PROTOBUF, rounds);
      System.out.printf("%-28s %10d %8d %10d %8d %6.1fx%n", (s.event() ? "decode " : "encode ") + s.name(), json,
          Encoding.JSON.encode(s.message()).length(), proto, Encoding.PROTOBUF.encode(s.message()).length(),
          (double) json / Math.max(1, proto));
    }
  }

  /** The lowest over {@code rounds} (after as many warm-up rounds) of the mean ns per operation. */
  static long best(Sample s, Encoding e, int rounds) throws Exception {
    ByteString body = e.encode(s.message());
    int ops = 20_000;
    List<Long> means = new ArrayList<>();
    long sink = 0;
    for (int r = 0; r < 2 * rounds; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        sink += s.event() ? e.decode(body, s.message()).getSerializedSize() : e.encode(s.message()).length();
      }
      if (r >= rounds) means.add((System.nanoTime() - start) / ops);
    }
    if (sink == 42) System.out.println(); // keeps the work observable
    return Collections.min(means);
  }

  static List<Sample> samples() {
    Protos.FrameworkID fw = Protos.FrameworkID.newBuilder().setValue(UUID.randomUUID() + "-0000").build();
    Protos.AgentID agent = Protos.AgentID.newBuilder().setValue(UUID.randomUUID() + "-S12").build();
    Protos.TaskID task = Protos.TaskID.newBuilder().setValue("default.web-1234." + UUID.randomUUID()).build();
    com.google.protobuf.ByteString uuid = com.google.protobuf.ByteString.copyFrom(new byte[16]);
    Protos.TaskStatus status = Protos.TaskStatus.newBuilder().setTaskId(task).setAgentId(agent)
        .setState(Protos.TaskState.TASK_RUNNING).setUuid(uuid).setTimestamp(1.7e9)
        .setSource(Protos.TaskStatus.Source.SOURCE_EXECUTOR).setMessage("container web is running")
        .setExecutorId(Protos.ExecutorID.newBuilder().setValue("k8sm-executor"))
        .setData(PodStatusReport.newBuilder().setHostIp("10.0.0.12").build().toByteString()).build();
    Event update = Event.newBuilder().setType(Event.Type.UPDATE)
        .setUpdate(Event.Update.newBuilder().setStatus(status)).build();
    Protos.Offer offer = Protos.Offer.newBuilder().setId(Protos.OfferID.newBuilder().setValue(UUID.randomUUID() + "-O7"))
        .setFrameworkId(fw).setAgentId(agent).setHostname("agent-12.example")
        .addResources(scalar("cpus", 8)).addResources(scalar("mem", 32768)).addResources(scalar("disk", 100000))
        .addResources(Protos.Resource.newBuilder().setName("ports").setType(Protos.Value.Type.RANGES)
            .setRanges(Protos.Value.Ranges.newBuilder().addRange(Protos.Value.Range.newBuilder().setBegin(31000)
                .setEnd(32000)))).build();
    Event offers = Event.newBuilder().setType(Event.Type.OFFERS)
        .setOffers(Event.Offers.newBuilder().addOffers(offer)).build();
    Call ack = Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setFrameworkId(fw)
        .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(agent).setTaskId(task).setUuid(uuid)).build();
    Call decline = Call.newBuilder().setType(Call.Type.DECLINE).setFrameworkId(fw)
        .setDecline(Call.Decline.newBuilder().addOfferIds(offer.getId())
            .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(5))).build();
    Protos.TaskInfo info = Protos.TaskInfo.newBuilder().setName("web").setTaskId(task).setAgentId(agent)
        .addResources(scalar("cpus", 0.5)).addResources(scalar("mem", 256))
        .setExecutor(Protos.ExecutorInfo.newBuilder().setExecutorId(Protos.ExecutorID.newBuilder().setValue("k8sm"))
            .setCommand(Protos.CommandInfo.newBuilder().setValue("/opt/k8sm/bin/kubernetes-executor")))
        .setData(PodTask.newBuilder().setNamespace("default").setName("web-1234").setUid(UUID.randomUUID().toString())
            .putLabels("name", "web").build().toByteString()).build();
    Call accept = Call.newBuilder().setType(Call.Type.ACCEPT).setFrameworkId(fw)
        .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId()).addOperations(Protos.Offer.Operation.newBuilder()
            .setType(Protos.Offer.Operation.Type.LAUNCH)
            .setLaunch(Protos.Offer.Operation.Launch.newBuilder().addTaskInfos(info)))).build();
    return List.of(new Sample("UPDATE event", update, true), new Sample("OFFERS event (1)", offers, true),
        new Sample("ACKNOWLEDGE call", ack, false), new Sample("DECLINE call", decline, false),
        new Sample("ACCEPT call (1 task)", accept, false));
  }

  static Protos.Resource scalar(String name, double value) {
    return Protos.Resource.newBuilder().setName(name).setType(Protos.Value.Type.SCALAR)
        .setScalar(Protos.Value.Scalar.newBuilder().setValue(value)).build();
  }
}
