package io.k8sm.framework.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes sure the store is reachable and holds the journal schema before any actor starts: creates
 * it on first start (the scripts shipped in the akka-persistence-jdbc jar), refuses a database whose
 * tables have another shape. Every failure is a {@link StoreException} naming the store.
 */
public final class StoreSchema {
  private StoreSchema() {}

  static final List<String> JOURNAL_COLUMNS = List.of("ordering", "persistence_id", "sequence_number", "deleted",
      "writer", "event_ser_id", "event_ser_manifest", "event_payload");
  static final List<String> SNAPSHOT_COLUMNS = List.of("persistence_id", "sequence_number", "created",
      "snapshot_ser_id", "snapshot_ser_manifest", "snapshot_payload");

  /** Thrown when the store cannot be used; the message names it. */
  public static final class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Returns true when the schema was created now. */
  public static boolean ensure(Store store) throws StoreException {
    DriverManager.setLoginTimeout(10);
    try (Connection c = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password())) {
      Set<String> journal = columns(c, "event_journal");
      Set<String> snapshot = columns(c, "snapshot");
      if (journal.isEmpty() && snapshot.isEmpty()) {
        create(c, store);
        return true;
      }
      check(store, "event_journal", journal, JOURNAL_COLUMNS);
      check(store, "snapshot", snapshot, SNAPSHOT_COLUMNS);
      return false;
    } catch (SQLException e) {
      throw new StoreException("cannot open the " + store.describe() + ": " + e.getMessage(), e);
    }
  }

  private static void check(Store store, String table, Set<String> have, List<String> need) throws StoreException {
    List<String> missing = need.stream().filter(col -> !have.contains(col)).toList();
    if (!missing.isEmpty()) {
      throw new StoreException("the " + store.describe() + " has a table " + table + " of another schema (missing "
          + String.join(", ", missing) + "); it was not written by kubernetes-mesos", null);
    }
  }

  private static Set<String> columns(Connection c, String table) throws SQLException {
    Set<String> names = new HashSet<>();
    DatabaseMetaData meta = c.getMetaData();
    for (String t : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rs = meta.getColumns(null, null, t, null)) {
        while (rs.next()) names.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private static void create(Connection c, Store store) throws SQLException, StoreException {
    String resource = store.kind() == Store.Kind.H2 ? "schema/h2/h2-create-schema.sql"
        : "schema/postgres/postgres-create-schema.sql";
    String script;
    try (InputStream in = StoreSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new StoreException("the schema " + resource + " is missing from the class path", null);
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read the schema " + resource + ": " + e.getMessage(), e);
    }
    c.setAutoCommit(true); // CREATE INDEX CONCURRENTLY (PostgreSQL) refuses to run inside a transaction
    try (Statement st = c.createStatement()) {
      for (String sql : script.split(";")) {
        if (!sql.isBlank()) st.execute(sql);
      }
    }
  }
}
