package io.helpdesk.projections.shadow;

import io.helpdesk.projections.BatchingJdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a projection written against the live {@code readmodel} schema build into {@code readmodel_shadow}
 * instead, by rewriting the schema name in the statements it runs. Shadow projections (a rebuild's
 * processors) get this template; the projection code stays one and the same.
 */
public class ShadowJdbcTemplate extends BatchingJdbcTemplate {

    public static final String LIVE = "readmodel.";
    public static final String SHADOW = "readmodel_shadow.";

    /** The projections' statements are a fixed few: each is rewritten once. */
    private final Map<String, String> rewritten = new ConcurrentHashMap<>();

    private final ShadowGates gates;
    private final String readModel;

    public ShadowJdbcTemplate(DataSource dataSource, ShadowGates gates, String readModel) {
        super(dataSource);
        this.gates = gates;
        this.readModel = readModel;
    }

    /** Only while a rebuild of its read model runs here (see {@link ShadowGates}). */
    @Override
    public boolean acceptsEvents() {
        return gates.isOpen(readModel);
    }

    private String shadow(String sql) {
        return rewritten.computeIfAbsent(sql, live -> live.replace(LIVE, SHADOW));
    }

    @Override
    protected String statement(String sql) {
        return shadow(sql);
    }

    @Override
    public int update(String sql, Object... args) {
        return super.update(shadow(sql), args);
    }

    @Override
    public int updateRow(Row row, String sql, Object... args) {
        return super.updateRow(row, shadow(sql), args);
    }

    @Override
    public int update(String sql) {
        return super.update(shadow(sql));
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
        return super.query(shadow(sql), rowMapper, args);
    }

    @Override
    public List<Map<String, Object>> queryForList(String sql, Object... args) {
        return super.queryForList(shadow(sql), args);
    }
}
