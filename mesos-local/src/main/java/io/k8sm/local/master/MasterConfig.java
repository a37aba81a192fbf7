package io.k8sm.local.master;

import java.time.Duration;

/**
 * The master's knobs: heartbeat interval (reported in SUBSCRIBED), allocation interval, status
 * update retry backoff (initial and cap), and whether a restart that keeps state starts failover
 * timers.
 *
 * @param failoverTimersAfterRestart false behaves as Mesos documents it: a framework's
 *     failover_timeout does not survive a master failover (MESOS-4659), so a framework that never
 *     re-subscribes keeps its tasks forever. true starts each framework's full failover_timeout
 *     when the master comes back, the behaviour MESOS-4659 asks for, so that an abandoned
 *     framework is eventually removed.
 */
public record MasterConfig(Duration heartbeatInterval, Duration allocationInterval,
    Duration updateRetryBackoff, Duration updateRetryBackoffMax, boolean failoverTimersAfterRestart) {}
