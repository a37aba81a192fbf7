package io.k8sm.local.master;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.OfferID;

/** An outstanding offer: which framework holds which resources of which agent, for which role. */
public record OfferRecord(OfferID id, FrameworkID framework, AgentID agent, String role, Resources resources) {}
