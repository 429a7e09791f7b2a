package io.helpdesk.command;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * Persistent deadlines: Axon's db-scheduler deadline manager (wired by Axon once a {@link Scheduler} bean
 * exists) keeps SLA and handoff deadlines in {@code eventstore.scheduled_tasks}, so they survive restarts and
 * fire once across instances. Scheduling joins the command's transaction: a deadline exists exactly when the
 * events that asked for it were committed.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineSchedulerConfiguration {

    @Bean
    public Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks,
                                       @Value("${helpdesk.deadlines.polling-interval}") Duration pollingInterval,
                                       @Value("${helpdesk.deadlines.threads}") int threads) {
        // Recurring tasks (the retention policy) are started, so that their first execution is scheduled.
        List<com.github.kagkarlsson.scheduler.task.helper.RecurringTask<?>> recurring = new java.util.ArrayList<>();
        for (Task<?> task : tasks) {
            if (task instanceof com.github.kagkarlsson.scheduler.task.helper.RecurringTask<?> each) {
                recurring.add(each);
            }
        }
        List<Task<?>> others = tasks.stream().filter(task -> !recurring.contains(task)).toList();
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), others)
                        .startTasks(recurring)
                        .tableName("eventstore.scheduled_tasks")
                        .pollingInterval(pollingInterval)
                        .threads(threads)
                        .enableImmediateExecution()
                        .build();
    }

    /** Fires deadlines only once the whole application, Axon included, is up; stops before it goes down. */
    @Bean
    public SmartLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 100;
            }
        };
    }
}
