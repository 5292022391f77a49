package org.karakuri.spi;

import java.util.List;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.model.ProcessorDefinition;
import org.karakuri.expr.Condition;
import org.karakuri.expr.Template;
import org.karakuri.model.Entries;
import org.karakuri.model.Step;

/**
 * What a {@link ControlAction} builds its part of the route with: where it goes, and the
 * engine's pieces a control step is made of. Everything it adds runs in the scenario's run.
 */
public interface Compilation {

    /** The step being compiled. */
    Step step();

    /** Where this step's processors go. */
    ProcessorDefinition<?> into();

    /** The id the step's processors carry: {@code scenario@file:line:col}. */
    String id();

    /** Compiles {@code steps} into {@code def}, each with its own modifiers (retry, continue-on-error). */
    void steps(ProcessorDefinition<?> def, List<Step> steps);

    /** {@code condition} evaluated with the run's variables; which way it went is recorded as an event. */
    Predicate condition(Condition condition);

    /** Entering a catch: the failure's message (masked) becomes {@code ${error}}, recorded as an event. */
    Processor caught();

    /** Runs another scenario file in this run, with its own variables: its defaults overridden by {@code with}. */
    Processor call(Template file, Entries<Template> with);
}
