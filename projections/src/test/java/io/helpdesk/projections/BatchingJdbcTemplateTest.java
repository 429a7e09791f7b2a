package io.helpdesk.projections;

import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.projections.BatchingJdbcTemplate.Row;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchingJdbcTemplateTest {

    /** The statements prepared on the database, in order: one per round trip of a batch or a single update. */
    private final List<String> prepared = new ArrayList<>();
    private BatchingJdbcTemplate jdbc;

    @BeforeEach
    void database() {
        TestDatabase.Database database = TestDatabase.create();
        CountingDataSource counting = new CountingDataSource(
                new DriverManagerDataSource(database.jdbcUrl(), database.user(), database.password()));
        jdbc = new BatchingJdbcTemplate(counting);
        jdbc.execute("CREATE TABLE fact (id TEXT PRIMARY KEY, x INT NOT NULL, log TEXT NOT NULL DEFAULT '')");
        prepared.clear();
    }

    @Test
    void aRowsStatementsKeepTheirOrderAndEqualStatementsOnOtherRowsGoAsOneBatch() {
        inOneUnitOfWork(() -> {
            for (int i = 0; i < 100; i++) {
                String id = "t" + i;
                jdbc.updateRow(row(id), "INSERT INTO fact (id, x) VALUES (?, ?)", id, i);
                jdbc.updateRow(row(id), "UPDATE fact SET x = x * 10, log = log || 'a' WHERE id = ?", id);
                jdbc.updateRow(row(id), "UPDATE fact SET x = x + 1, log = log || 'b' WHERE id = ?", id);
            }
        });

        assertThat(prepared).hasSize(3);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, x, log FROM fact ORDER BY x");
        assertThat(rows).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(rows.get(i)).containsEntry("id", "t" + i).containsEntry("x", i * 10 + 1)
                                   .containsEntry("log", "ab");
        }
    }

    @Test
    void aPlainUpdateStaysBetweenTheRowWritesBeforeAndAfterIt() {
        inOneUnitOfWork(() -> {
            jdbc.updateRow(row("a"), "INSERT INTO fact (id, x) VALUES (?, ?)", "a", 1);
            jdbc.updateRow(row("b"), "INSERT INTO fact (id, x) VALUES (?, ?)", "b", 2);
            jdbc.update("UPDATE fact SET x = x * 10");
            jdbc.updateRow(row("a"), "UPDATE fact SET x = x + 1 WHERE id = ?", "a");
            jdbc.updateRow(row("c"), "INSERT INTO fact (id, x) VALUES (?, ?)", "c", 3);
        });

        assertThat(jdbc.queryForMap("SELECT x FROM fact WHERE id = 'a'")).containsEntry("x", 11);
        assertThat(jdbc.queryForMap("SELECT x FROM fact WHERE id = 'b'")).containsEntry("x", 20);
        assertThat(jdbc.queryForMap("SELECT x FROM fact WHERE id = 'c'")).containsEntry("x", 3);
    }

    @Test
    void aQueryInTheUnitOfWorkSeesEveryWriteQueuedBeforeIt() {
        List<Integer> seen = new ArrayList<>();
        inOneUnitOfWork(() -> {
            jdbc.updateRow(row("a"), "INSERT INTO fact (id, x) VALUES (?, ?)", "a", 1);
            jdbc.updateRow(row("a"), "UPDATE fact SET x = x + 1 WHERE id = ?", "a");
            seen.add(jdbc.queryForObject("SELECT x FROM fact WHERE id = 'a'", Integer.class));
        });

        assertThat(seen).containsExactly(2);
    }

    @Test
    void aRowChangeBuiltByManyCallsGoesAsOneStatementTakenWhenItIsSent() {
        inOneUnitOfWork(() -> {
            for (int i = 0; i < 50; i++) {
                String id = "t" + i;
                jdbc.change(row(id), Insert::new).x = i;
                jdbc.change(row(id), Insert::new).x *= 10;
                jdbc.change(row(id), Insert::new).x += 1;
            }
        });

        assertThat(prepared).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT sum(x) FROM fact", Integer.class))
                .isEqualTo(java.util.stream.IntStream.range(0, 50).map(i -> i * 10 + 1).sum());
    }

    @Test
    void aPlainUpdateOrAQueryEndsARowChangeAndTheNextCallStartsANewOne() {
        List<Integer> seen = new ArrayList<>();
        inOneUnitOfWork(() -> {
            jdbc.change(row("a"), Insert::new).x = 1;
            jdbc.update("UPDATE fact SET x = x * 10");
            jdbc.change(row("a"), Add::new).add = 2;
            seen.add(jdbc.queryForObject("SELECT x FROM fact WHERE id = 'a'", Integer.class));
            jdbc.change(row("a"), Add::new).add = 3;
        });

        assertThat(seen).containsExactly(12);
        assertThat(jdbc.queryForObject("SELECT x FROM fact WHERE id = 'a'", Integer.class)).isEqualTo(15);
    }

    @Test
    void aStatementOnTheRowOfARowChangeComesAfterItAndTheNextCallStartsANewOne() {
        inOneUnitOfWork(() -> {
            jdbc.change(row("a"), Insert::new).x = 1;
            jdbc.updateRow(row("a"), "UPDATE fact SET x = x * 10 WHERE id = ?", "a");
            jdbc.change(row("a"), Add::new).add = 2;
        });

        assertThat(jdbc.queryForObject("SELECT x FROM fact WHERE id = 'a'", Integer.class)).isEqualTo(12);
    }

    @Test
    void aRowChangeOutsideAUnitOfWorkIsRefused() {
        assertThatThrownBy(() -> jdbc.change(row("a"), Insert::new)).isInstanceOf(IllegalStateException.class);
    }

    /** Inserts the row with x as it is when sent. */
    private static final class Insert implements BatchingJdbcTemplate.RowChange {
        private final String id;
        int x;

        Insert(Row row) {
            this.id = (String) row.key();
        }

        @Override
        public String sql() {
            return "INSERT INTO fact (id, x) VALUES (?, ?)";
        }

        @Override
        public Object[] args() {
            return new Object[]{id, x};
        }
    }

    /** Adds to x of the row what it holds when sent. */
    private static final class Add implements BatchingJdbcTemplate.RowChange {
        private final String id;
        int add;

        Add(Row row) {
            this.id = (String) row.key();
        }

        @Override
        public String sql() {
            return "UPDATE fact SET x = x + ? WHERE id = ?";
        }

        @Override
        public Object[] args() {
            return new Object[]{add, id};
        }
    }

    @Test
    void outsideAUnitOfWorkEachUpdateRunsAtOnce() {
        jdbc.updateRow(row("a"), "INSERT INTO fact (id, x) VALUES (?, ?)", "a", 1);

        assertThat(jdbc.queryForObject("SELECT x FROM fact WHERE id = 'a'", Integer.class)).isEqualTo(1);
    }

    private static Row row(String id) {
        return new Row("fact", id);
    }

    private static void inOneUnitOfWork(Runnable work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            work.run();
        } finally {
            unitOfWork.commit();
        }
    }

    /** Notes every statement prepared through it. */
    private final class CountingDataSource extends DelegatingDataSource {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")) {
                            prepared.add((String) args[0]);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
