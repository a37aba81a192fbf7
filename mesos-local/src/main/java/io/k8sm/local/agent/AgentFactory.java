package io.k8sm.local.agent;

import org.apache.mesos.v1.Protos.AgentID;

/**
 * Starts one agent for the master. The master assigns the id (as a Mesos master does at agent
 * registration) and hands over the listener the agent reports to.
 */
@FunctionalInterface
public interface AgentFactory {
  Agent start(AgentID id, AgentListener listener);
}
