package io.k8sm.framework.cli;

import java.util.Map;

/** What {@link FlagParser} made of a command line: run with overrides, print help, or refuse. */
public sealed interface ParsedArgs {

  /** Start the scheduler; {@code overrides} maps {@code k8sm.framework} keys to checked values. */
  record Run(Map<String, Object> overrides) implements ParsedArgs {
    public Run {
      overrides = Map.copyOf(overrides);
    }
  }

  /** {@code --help} was asked for. */
  record Help() implements ParsedArgs {}

  /** The command line is wrong; {@code message} says how, for a human. */
  record Invalid(String message) implements ParsedArgs {}
}
