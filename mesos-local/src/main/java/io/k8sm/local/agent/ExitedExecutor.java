package io.k8sm.local.agent;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.k8sm.local.http.Responses;

/**
 * What an {@link ExecutorSupervisor} becomes once its executor has exited and everything is
 * reported, until the agent, having forgotten it, sends {@link ExecutorSupervisor.Stop}. Commands
 * the agent sent in between are answered as for an executor that is gone, so no task is silently
 * lost: new tasks TASK_LOST/TASK_DROPPED, kills of live tasks the same, API calls 400.
 */
final class ExitedExecutor {
  private ExitedExecutor() {}

  static Behavior<ExecutorSupervisor.Command> behavior(TaskBook tasks, TaskReports reports) {
    return Behaviors.receive(ExecutorSupervisor.Command.class)
        .onMessage(ExecutorSupervisor.Stop.class, m -> Behaviors.stopped())
        .onMessage(ExecutorSupervisor.Launch.class, m -> {
          m.tasks().forEach(t -> reports.dropped(t.getTaskId(), "Executor terminated"));
          return Behaviors.same();
        })
        .onMessage(ExecutorSupervisor.Kill.class, m -> {
          if (tasks.get(m.task().getValue()).map(e -> !e.terminal()).orElse(true)) {
            reports.dropped(m.task(), "Cannot find executor");
          }
          return Behaviors.same();
        })
        .onMessage(ExecutorSupervisor.ExecutorCall.class, m -> {
          m.replyTo().tell(Responses.badRequest("Executor has terminated"));
          return Behaviors.same();
        })
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }
}
