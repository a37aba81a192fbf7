package io.k8sm.framework.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** --store values, and the schema check against real H2 files and an unreachable PostgreSQL. */
class StoreTest {

  static Stream<Arguments> stores() {
    return Stream.of(
        Arguments.of("postgres://k8sm@127.0.0.1:5433/k8sm", "jdbc:postgresql://127.0.0.1:5433/k8sm", "k8sm", ""),
        Arguments.of("postgresql://ops:s3cret@db.example:6000/pods", "jdbc:postgresql://db.example:6000/pods", "ops",
            "s3cret"),
        Arguments.of("postgres://k8sm@localhost/k8sm", "jdbc:postgresql://localhost:5432/k8sm", "k8sm", ""));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void postgresUrls(String flag, String jdbc, String user, String password) {
    Store s = Store.parse(flag, Path.of("data"));
    assertEquals(Store.Kind.POSTGRES, s.kind());
    assertEquals(jdbc, s.jdbcUrl());
    assertEquals(user, s.user());
    assertEquals(password, s.password());
  }

  @ParameterizedTest
  @MethodSource("bad")
  void badStoresSayWhatIsExpected(String flag) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Store.parse(flag, Path.of("d")));
    assertTrue(e.getMessage().contains("expected postgres://user[:password]@host[:port]/database"), e.getMessage());
  }

  static Stream<String> bad() {
    return Stream.of("mysql://a@b/c", "postgres://127.0.0.1/k8sm", "postgres://u@h:5432/", "just words");
  }

  @Test
  void theDefaultIsAnH2FileUnderTheDataDir() {
    Store s = Store.parse("", Path.of("/var/lib/k8sm"));
    assertEquals(Store.Kind.H2, s.kind());
    assertEquals("jdbc:h2:file:/var/lib/k8sm/k8sm;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", s.jdbcUrl()); // durable at commit
    assertTrue(s.describe().contains("/var/lib/k8sm/k8sm.mv.db"));
  }

  @Test
  void theSchemaIsCreatedOnceAndThenFound() throws Exception {
    Store s = Store.parse("", Files.createTempDirectory(Path.of("target"), "store"));
    assertTrue(StoreSchema.ensure(s));
    assertFalse(StoreSchema.ensure(s));
  }

  @Test
  void aDatabaseWithAForeignJournalTableIsRefusedNamingIt() throws Exception {
    Store s = Store.parse("", Files.createTempDirectory(Path.of("target"), "store"));
    try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password())) {
      c.createStatement().execute("CREATE TABLE \"event_journal\" (\"id\" INT, \"body\" VARCHAR)");
    }
    StoreSchema.StoreException e = assertThrows(StoreSchema.StoreException.class, () -> StoreSchema.ensure(s));
    assertTrue(e.getMessage().contains(s.describe()), e.getMessage());
    assertTrue(e.getMessage().contains("another schema"), e.getMessage());
  }

  @Test
  void anUnreachablePostgresIsAClearErrorNamingIt() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Store s = Store.parse("postgres://k8sm@127.0.0.1:" + closed + "/k8sm", Path.of("d"));
    StoreSchema.StoreException e = assertThrows(StoreSchema.StoreException.class, () -> StoreSchema.ensure(s));
    assertTrue(e.getMessage().startsWith("cannot open the PostgreSQL database k8sm at 127.0.0.1:" + closed),
        e.getMessage());
  }
}
