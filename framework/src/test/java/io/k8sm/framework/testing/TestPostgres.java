package io.k8sm.framework.testing;

import io.k8sm.framework.persistence.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL bin/test starts: its URL arrives in K8SM_TEST_POSTGRES_URL. Under bin/test
 * (K8SM_TEST_POSTGRES_REQUIRED=1) a missing URL fails the test; a plain {@code mvn verify} without
 * a database skips it and says why. Each caller gets a database of its own.
 */
public final class TestPostgres {
  private TestPostgres() {}

  /** A fresh, empty database on the test server, as a {@code --store} value. */
  public static String freshDatabase() throws Exception {
    String url = System.getenv("K8SM_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      if ("1".equals(System.getenv("K8SM_TEST_POSTGRES_REQUIRED"))) {
        Assertions.fail("bin/test should have started PostgreSQL and set K8SM_TEST_POSTGRES_URL");
      }
      Assumptions.abort("no PostgreSQL: K8SM_TEST_POSTGRES_URL is unset (bin/test starts one)");
    }
    Store server = Store.parse(url, Path.of("unused"));
    String name = "k8sm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
      c.createStatement().execute("CREATE DATABASE " + name);
    }
    return url.substring(0, url.lastIndexOf('/') + 1) + name;
  }
}
