package io.mmkit.collector;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a collector database back for assertions: each row as column name → value (TEXT stays a string). */
final class StoredRows {
    private StoredRows() {
    }

    static List<Map<String, Object>> query(Path db, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            List<Map<String, Object>> out = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError("cannot read " + db + ": " + e.getMessage(), e);
        }
    }

    static long count(Path db, String sql) {
        return ((Number) query(db, sql).get(0).values().iterator().next()).longValue();
    }
}
