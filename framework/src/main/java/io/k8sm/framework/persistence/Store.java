package io.k8sm.framework.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the journal and snapshots live: an embedded H2 file database under the data directory
 * (the default: {@code store = ""}) or PostgreSQL ({@code postgres://user[:password]@host[:port]/db}).
 * {@link #akkaConfig} turns it, with the serializer binding from {@code k8sm.framework.persistence},
 * into the Akka configuration the actor system starts with. Pure; {@link #describe} names the store
 * in every error.
 */
public record Store(Kind kind, String jdbcUrl, String user, String password, String describe) {

  public enum Kind { H2, POSTGRES }

  /** Parses the {@code --store} value; a bad one is an IllegalArgumentException with the reason. */
  public static Store parse(String store, Path dataDir) {
    String s = store == null ? "" : store.trim();
    if (s.isEmpty() || s.equals("h2")) {
      Path file = dataDir.toAbsolutePath().normalize().resolve("k8sm");
      // H2 has no redo log: by default committed changes reach the file up to 500 ms later, and a
      // kill -9 in between loses them (an acknowledged pod vanishes). WRITE_DELAY=0 writes at commit.
      // H2 closes the database in a JVM shutdown hook of its own, under actors still recovering or
      // writing (errors on every SIGTERM); DB_CLOSE_ON_EXIT=FALSE leaves closing to the actor
      // system's shutdown, which closes the pool (the last connection closes the database).
      return new Store(Kind.H2, "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "",
          "H2 database " + file + ".mv.db");
    }
    URI uri;
    try {
      uri = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(bad(s, e.getMessage()));
    }
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
      throw new IllegalArgumentException(bad(s, "unknown scheme"));
    }
    String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (uri.getHost() == null || db.isEmpty() || uri.getUserInfo() == null) {
      throw new IllegalArgumentException(bad(s, "user, host and database are required"));
    }
    String[] userInfo = uri.getUserInfo().split(":", 2);
    int port = uri.getPort() > 0 ? uri.getPort() : 5432;
    String url = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db;
    return new Store(Kind.POSTGRES, url, userInfo[0], userInfo.length > 1 ? userInfo[1] : "",
        "PostgreSQL database " + db + " at " + uri.getHost() + ":" + port + " as " + userInfo[0]);
  }

  private static String bad(String s, String why) {
    return "--store " + s + ": " + why + " (expected postgres://user[:password]@host[:port]/database, or nothing"
        + " for the embedded H2 database under --data_dir)";
  }

  /** The journal and snapshot plugins pointed at this store, plus our serializer, over {@code base}. */
  public Config akkaConfig(Config base) {
    Config persistence = base.getConfig("k8sm.framework.persistence");
    Map<String, Object> db = Map.of(
        "url", jdbcUrl,
        "user", user,
        "password", password,
        "driver", kind == Kind.H2 ? "org.h2.Driver" : "org.postgresql.Driver");
    return ConfigFactory.empty()
        .withValue("akka-persistence-jdbc.shared-databases.k8sm.profile", ConfigValueFactory.fromAnyRef(
            kind == Kind.H2 ? "slick.jdbc.H2Profile$" : "slick.jdbc.PostgresProfile$"))
        .withValue("akka-persistence-jdbc.shared-databases.k8sm.db", ConfigValueFactory.fromMap(db)
            .withFallback(persistence.getConfig("pool").root()))
        .withValue("akka.actor.serializers", persistence.getConfig("serializers").root())
        .withValue("akka.actor.serialization-bindings", persistence.getConfig("serialization-bindings").root())
        .withFallback(base).resolve();
  }

  /** Only the serializer binding (tests that use another journal still serialize with ours). */
  public static Config serializationOnly(Config base) {
    Config persistence = base.getConfig("k8sm.framework.persistence");
    return ConfigFactory.empty()
        .withValue("akka.actor.serializers", persistence.getConfig("serializers").root())
        .withValue("akka.actor.serialization-bindings", persistence.getConfig("serialization-bindings").root())
        .withFallback(base).resolve();
  }
}
