package io.k8sm.framework.cli;

import java.util.List;

/**
 * One command-line flag of {@code bin/kubernetes-mesos}: its name as typed (without dashes), the
 * {@code k8sm.framework} configuration key it overrides, how its value is checked, and the line
 * {@code --help} prints for it.
 */
public record Flag(String name, String configKey, Kind kind, String valueHint, String help) {

  /** How a value is checked and converted before it overrides the configuration. */
  public enum Kind {
    TEXT,
    /** TCP port 1..65535. */
    PORT,
    /** A comma-separated list; empty items are dropped. */
    LIST,
    /** Seconds as a number, or a duration such as {@code 7d}, {@code 12h}, {@code 90s}. */
    DURATION,
    /** A whole number, 0 or more. */
    COUNT
  }

  /** Every flag the scheduler accepts, in the order {@code --help} lists them. */
  public static final List<Flag> ALL = List.of(
      new Flag("mesos_master", "mesos-master", Kind.TEXT, "HOST:PORT|URL[,...]",
          "Mesos master(s): host:port, a URL, or a comma-separated list of either. Empty starts the"
              + " embedded mesos-local master with this machine's Docker engine as its one agent."),
      new Flag("executor_path", "executor-path", Kind.TEXT, "PATH",
          "The kubernetes-executor command the agents run (default: bin/kubernetes-executor of this"
              + " installation)."),
      new Flag("address", "address", Kind.TEXT, "IP",
          "Address the REST API listens on (default 127.0.0.1)."),
      new Flag("port", "port", Kind.PORT, "N", "Port the REST API listens on (default 8080)."),
      new Flag("machines", "machines", Kind.LIST, "HOST[,HOST...]",
          "Only use agents with these hostnames (default: every agent)."),
      new Flag("framework_name", "name", Kind.TEXT, "NAME",
          "Framework name shown by Mesos (default Kubernetes)."),
      new Flag("failover_timeout", "failover-timeout", Kind.DURATION, "SECONDS|DURATION",
          "How long Mesos keeps our tasks while the scheduler is away (default one week; e.g. 3600,"
              + " 12h, 7d)."),
      new Flag("data_dir", "data-dir", Kind.TEXT, "DIR",
          "Directory for the scheduler's state: the embedded H2 journal (default ./data)."),
      new Flag("store", "store", Kind.TEXT, "postgres://USER[:PASSWORD]@HOST[:PORT]/DB",
          "Keep the journal in PostgreSQL instead of the embedded H2 database (default: H2 under"
              + " --data_dir)."),
      new Flag("jmx_port", "jmx-port", Kind.PORT, "N",
          "Expose the io.k8sm MBeans through a JMX RMI connector on 127.0.0.1:N (default off)."),
      new Flag("max_mutating_requests_inflight", "api.max-mutating-requests-inflight", Kind.COUNT, "N",
          "At most N POST/PUT/DELETE requests are worked on at once; more are answered 429 with"
              + " Retry-After: 1 at once (default 200; 0 = no limit)."));
}
