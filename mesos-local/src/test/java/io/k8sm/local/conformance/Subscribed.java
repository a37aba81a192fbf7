package io.k8sm.local.conformance;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** A subscription that got SUBSCRIBED: its stream, framework id and the SUBSCRIBED payload. */
record Subscribed(EventStream stream, FrameworkID id, Event.Subscribed event) {}
