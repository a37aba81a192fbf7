package io.k8sm.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.stream.BufferOverflowException;
import akka.stream.StreamTcpException;
import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** How each way a call can fail is read, as a table. */
class CallFailureTest {
  static final URI MASTER = URI.create("http://127.0.0.1:5050/api/v1/scheduler");

  static CallFailure.Kind kind(Throwable t) {
    return CallFailure.of(new CompletionException(t)).kind();
  }

  @Test
  void readsEachFailure() {
    assertEquals(CallFailure.Kind.UNDELIVERED, kind(new MesosHttpException(503, "Master is not the leader", MASTER)));
    assertEquals(CallFailure.Kind.UNDELIVERED, kind(new BufferOverflowException("Exceeded configured max-open-requests")));
    assertEquals(CallFailure.Kind.UNDELIVERED, kind(new StreamTcpException(
        "Tcp command [Connect(127.0.0.1:1)] failed because of java.net.ConnectException: Connection refused")));
    assertEquals(CallFailure.Kind.UNCERTAIN, kind(new TimeoutException("POST: no answer within 75000 ms")));
    assertEquals(CallFailure.Kind.UNCERTAIN, kind(new StreamTcpException("The connection closed with error: reset")));
    assertEquals(CallFailure.Kind.UNCERTAIN, kind(new MesosHttpException(500, "Internal error", MASTER)));
    assertEquals(CallFailure.Kind.STALE, kind(new MesosHttpException(403, "Framework is not subscribed", MASTER)));
    assertEquals(CallFailure.Kind.STALE, kind(new MesosHttpException(400,
        "The stream ID 'x' included in this request didn't match the stream ID currently associated with framework"
            + " ID fw", MASTER)));
    assertEquals(CallFailure.Kind.STALE, kind(new MesosHttpException(400, "Framework cannot be found", MASTER)));
    assertEquals(CallFailure.Kind.REJECTED, kind(new MesosHttpException(400, "Failed to validate scheduler::Call",
        MASTER)));
  }

  @Test
  void readsTheAgentsAnswersToAnExecutorTheSameWay() {
    URI agent = URI.create("http://127.0.0.1:5051/api/v1/executor");
    assertEquals(CallFailure.Kind.UNDELIVERED, kind(new MesosHttpException(503, "Agent has not finished recovery", agent)));
    assertEquals(CallFailure.Kind.STALE, kind(new MesosHttpException(403, "Executor is not subscribed", agent)));
    assertEquals(CallFailure.Kind.REJECTED, kind(new MesosHttpException(400,
        "Status update must have 'source' set to SOURCE_EXECUTOR", agent)));
  }

  @Test
  void keepsTheMastersReason() {
    assertEquals("503 Master is not the leader",
        CallFailure.of(new MesosHttpException(503, "Master is not the leader\n", MASTER)).reason());
  }
}
