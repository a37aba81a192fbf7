package io.k8sm.framework.persistence;

import akka.serialization.Serialization;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what many persistent actors stored, in two queries instead of three per actor: the latest
 * snapshot of each wanted persistence id, and every event after it, in order. The same rows Akka
 * Persistence replays (events marked deleted are skipped), decoded by the same serializers; only
 * the reading is bulk. Used at start to show every pod at once while the pod actors still recover.
 */
public final class JournalScan {
  private JournalScan() {}

  /** One persistence id's latest snapshot (null when none) and the events written after it. */
  public record Stored(Object snapshot, List<Object> events) {}

  private record Row(long seq, Object event) {}

  private static final String SNAPSHOTS = "SELECT \"persistence_id\", \"sequence_number\", \"snapshot_ser_id\","
      + " \"snapshot_ser_manifest\", \"snapshot_payload\" FROM \"snapshot\" WHERE \"persistence_id\" LIKE ?";
  private static final String EVENTS = "SELECT \"persistence_id\", \"sequence_number\", \"event_ser_id\","
      + " \"event_ser_manifest\", \"event_payload\" FROM \"event_journal\" WHERE \"deleted\" = FALSE"
      + " AND \"persistence_id\" LIKE ?";

  /**
   * What the store holds for each of {@code ids} (all starting with {@code prefix}); ids with
   * nothing stored are left out. Throws when a row cannot be read or decoded.
   */
  public static Map<String, Stored> read(Store store, Serialization serialization, String prefix, Set<String> ids)
      throws SQLException {
    Map<String, Long> snapshotSeq = new HashMap<>();
    Map<String, Object> snapshots = new HashMap<>();
    Map<String, List<Row>> events = new HashMap<>();
    try (Connection c = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password())) {
      c.setReadOnly(true);
      try (PreparedStatement st = c.prepareStatement(SNAPSHOTS)) {
        st.setString(1, prefix + "%");
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString(1);
            long seq = rs.getLong(2);
            if (!ids.contains(id) || seq <= snapshotSeq.getOrDefault(id, 0L)) continue;
            snapshotSeq.put(id, seq);
            snapshots.put(id, decode(serialization, rs.getBytes(5), rs.getInt(3), rs.getString(4), id, seq));
          }
        }
      }
      try (PreparedStatement st = c.prepareStatement(EVENTS)) {
        st.setString(1, prefix + "%");
        st.setFetchSize(1000);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString(1);
            long seq = rs.getLong(2);
            if (!ids.contains(id) || seq <= snapshotSeq.getOrDefault(id, 0L)) continue;
            events.computeIfAbsent(id, k -> new ArrayList<>())
                .add(new Row(seq, decode(serialization, rs.getBytes(5), rs.getInt(3), rs.getString(4), id, seq)));
          }
        }
      }
    }
    Map<String, Stored> out = new HashMap<>();
    for (String id : ids) {
      if (snapshots.containsKey(id) || events.containsKey(id)) {
        // Sorted here: an ORDER BY over the whole journal costs the store more than these short lists.
        List<Object> ordered = events.getOrDefault(id, List.of()).stream()
            .sorted(java.util.Comparator.comparingLong(Row::seq)).map(Row::event).toList();
        out.put(id, new Stored(snapshots.get(id), ordered));
      }
    }
    return out;
  }

  private static Object decode(Serialization serialization, byte[] bytes, int serializerId, String manifest,
      String id, long seq) throws SQLException {
    try {
      return serialization.deserialize(bytes, serializerId, manifest).get();
    } catch (Exception e) {
      throw new SQLException("cannot decode " + id + " #" + seq + " (" + manifest + "): " + e.getMessage(), e);
    }
  }
}
