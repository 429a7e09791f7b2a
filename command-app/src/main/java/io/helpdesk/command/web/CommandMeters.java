package io.helpdesk.command.web;

import io.helpdesk.domain.shared.RuleViolation;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;

/**
 * {@code helpdesk.commands{command, outcome}}: how many commands of each type were handled and how long each
 * took, from loading the aggregate to the events' append (the commit follows), by outcome: {@code ok},
 * {@code refused} (a rule, an unknown id, bad input such as {@code InvalidInput}: answered 4xx) or {@code failed} (a conflict retried, a
 * fault).
 */
public final class CommandMeters implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Meter.MeterProvider<Timer> timers;

    public CommandMeters(MeterRegistry registry) {
        this.timers = Timer.builder("helpdesk.commands").description("Commands handled, by type and outcome")
                           .withRegistry(registry);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            Object result = chain.proceed();
            outcome = "ok";
            return result;
        } catch (RuleViolation | IllegalArgumentException | AggregateNotFoundException
                 | AggregateStreamCreationException | ConflictingAggregateVersionException refused) {
            outcome = "refused";
            throw refused;
        } finally {
            String name = unitOfWork.getMessage().getCommandName();
            timers.withTags("command", name.substring(name.lastIndexOf('.') + 1), "outcome", outcome)
                  .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
