package io.k8sm.framework.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.pattern.CircuitBreakerOpenException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import scala.concurrent.duration.FiniteDuration;

class StoreFailuresTest {

  @Test
  void slowOrAbsentStoresArePassingConditions() {
    assertTrue(StoreFailures.isTransient(new CircuitBreakerOpenException(FiniteDuration.apply(1, "s"), "open")));
    assertTrue(StoreFailures.isTransient(new RuntimeException("recovery", new TimeoutException("10 s"))));
    assertTrue(StoreFailures.isTransient(new IllegalStateException(new SQLTransientConnectionException("pool"))));
  }

  @Test
  void unreadableDataIsNot() {
    assertFalse(StoreFailures.isTransient(new IllegalArgumentException("unknown manifest RX")));
    assertFalse(StoreFailures.isTransient(new RuntimeException(new SQLSyntaxErrorException("no table"))));
    assertFalse(StoreFailures.isTransient(null));
  }
}
