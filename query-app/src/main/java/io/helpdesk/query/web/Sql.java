package io.helpdesk.query.web;

import org.springframework.r2dbc.core.DatabaseClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A query built from optional filters, with named parameters bound in one place. */
public final class Sql {

    private final List<String> where = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    public Sql where(String condition) {
        where.add(condition);
        return this;
    }

    public Sql where(String condition, String name, Object value) {
        if (value != null) {
            where.add(condition);
            params.put(name, value);
        }
        return this;
    }

    public Sql param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    public String whereClause() {
        return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    }

    public DatabaseClient.GenericExecuteSpec bind(DatabaseClient db, String sql) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        for (Map.Entry<String, Object> param : params.entrySet()) {
            spec = spec.bind(param.getKey(), param.getValue());
        }
        return spec;
    }
}
