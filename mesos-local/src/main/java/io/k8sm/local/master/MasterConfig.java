package io.k8sm.local.master;

import java.time.Duration;

/**
 * The master's knobs: heartbeat interval (reported in SUBSCRIBED), allocation interval, status
 * update retry backoff (initial and cap).
 */
public record MasterConfig(Duration heartbeatInterval, Duration allocationInterval,
    Duration updateRetryBackoff, Duration updateRetryBackoffMax) {}
