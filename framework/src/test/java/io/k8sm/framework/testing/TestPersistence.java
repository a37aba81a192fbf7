package io.k8sm.framework.testing;

import akka.persistence.testkit.PersistenceTestKitPlugin;
import akka.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.persistence.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Persistence for tests: the in-memory journal of the persistence testkit (which serializes every
 * event and snapshot with our binding) for actor tests, and a fresh H2 data directory under
 * target/ for whole-scheduler tests.
 */
public final class TestPersistence {
  private TestPersistence() {}

  /** Actor-test configuration: in-memory journal and snapshots, our serializer, no Java serialization. */
  public static Config inMemory() {
    return Store.serializationOnly(PersistenceTestKitPlugin.getInstance().config()
        .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
        .withFallback(ConfigFactory.load()));
  }

  /** {@code base} with a data directory of its own (an empty H2 journal). */
  public static Config freshDataDir(Config base) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "test-data", UUID.randomUUID().toString()));
      return dataDir(base, dir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Config dataDir(Config base, Path dir) {
    return ConfigFactory.parseMap(Map.of("k8sm.framework.data-dir", dir.toAbsolutePath().toString()))
        .withFallback(base);
  }

  public static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }
}
