package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import akka.util.ByteString;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskStatus;

/** Stands in for the master: records what the agent reports, in order, for tests to await. */
final class RecordingListener implements AgentListener {
  record Termination(FrameworkID framework, ExecutorID executor, AgentID agent, int waitStatus) {}

  record Message(FrameworkID framework, ExecutorID executor, ByteString data) {}

  static final Duration WAIT = Duration.ofSeconds(20);

  final BlockingQueue<TaskStatus> statuses = new LinkedBlockingQueue<>();
  final BlockingQueue<Termination> terminations = new LinkedBlockingQueue<>();
  final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

  @Override
  public void statusUpdate(FrameworkID framework, TaskStatus status) {
    statuses.add(status);
  }

  @Override
  public void executorTerminated(FrameworkID framework, ExecutorID executor, AgentID agent, int waitStatus) {
    terminations.add(new Termination(framework, executor, agent, waitStatus));
  }

  @Override
  public void executorMessage(FrameworkID framework, ExecutorID executor, AgentID agent, ByteString data) {
    messages.add(new Message(framework, executor, data));
  }

  TaskStatus nextStatus() throws InterruptedException {
    return await(statuses, "a status update");
  }

  Termination nextTermination() throws InterruptedException {
    return await(terminations, "an executor termination");
  }

  Message nextMessage() throws InterruptedException {
    return await(messages, "an executor message");
  }

  private static <T> T await(BlockingQueue<T> queue, String what) throws InterruptedException {
    T item = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(item, "no " + what + " within " + WAIT);
    return item;
  }
}
