// pgJDBC against Pier: prepared statements with every type, setFetchSize streaming in a transaction, batch
// inserts, savepoints, COPY through CopyManager, then DatabaseMetaData (depends on the pg_catalog emulation).
// Prints `key=value` lines; tests/clients/jdbc.test.ts asserts on them. Run: java -cp postgresql.jar JdbcClient.java URL
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.*;
import java.time.*;
import java.util.*;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

public class JdbcClient {
  static void out(String k, Object v) { System.out.println(k + "=" + v); }

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0], "pier", "")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE j (id int, big bigint, small smallint, name varchar(20), code char(3), amount numeric(12,4), "
            + "r real, d double precision, ok boolean, day date, ts timestamp, tstz timestamptz)");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO j VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 1; i <= 3; i++) {
          ps.setInt(1, i);
          ps.setLong(2, 9_000_000_000L + i);
          ps.setShort(3, (short) -i);
          ps.setString(4, "name" + i);
          ps.setString(5, "c" + i);
          ps.setBigDecimal(6, new BigDecimal("1234.5678").multiply(BigDecimal.valueOf(i)));
          ps.setFloat(7, 1.5f * i);
          ps.setDouble(8, 0.1 * i);
          ps.setBoolean(9, i % 2 == 0);
          ps.setObject(10, LocalDate.of(2024, 2, 28).plusDays(i));
          ps.setObject(11, LocalDateTime.of(2024, 1, 1, 12, 30, 45, 123_456_000));
          ps.setObject(12, OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        out("batch", Arrays.toString(counts));
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM j WHERE id = ? AND name = ? AND amount > ?")) {
        ps.setInt(1, 2);
        ps.setString(2, "name2");
        ps.setBigDecimal(3, new BigDecimal("1"));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          ResultSetMetaData md = rs.getMetaData();
          List<String> types = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) types.add(md.getColumnTypeName(i));
          out("types", String.join(",", types));
          out("row", rs.getInt(1) + "|" + rs.getLong(2) + "|" + rs.getShort(3) + "|" + rs.getString(4) + "|" + rs.getString(5) + "|"
              + rs.getBigDecimal(6) + "|" + rs.getFloat(7) + "|" + rs.getDouble(8) + "|" + rs.getBoolean(9) + "|"
              + rs.getObject(10, LocalDate.class) + "|" + rs.getObject(11, LocalDateTime.class) + "|"
              + rs.getObject(12, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
        }
      }
      // prepared statement reused past prepareThreshold (server-side named statement)
      try (PreparedStatement ps = c.prepareStatement("SELECT sum(id) FROM j WHERE id <= ?")) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
          ps.setInt(1, i % 3 + 1);
          try (ResultSet rs = ps.executeQuery()) { rs.next(); sb.append(rs.getLong(1)).append(' '); }
        }
        out("reused", sb.toString().trim());
      }
      // setFetchSize inside a transaction: the driver reads a named portal in chunks
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(2);
        try (ResultSet rs = s.executeQuery("SELECT id FROM j ORDER BY id")) {
          StringBuilder sb = new StringBuilder();
          while (rs.next()) sb.append(rs.getInt(1)).append(' ');
          out("fetchsize", sb.toString().trim());
        }
      }
      Savepoint sp = c.setSavepoint("before");
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT 1/0");
      } catch (SQLException e) {
        out("error", e.getSQLState());
        c.rollback(sp);
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM j")) {
        rs.next();
        out("after_savepoint", rs.getLong(1));
      }
      c.commit();
      c.setAutoCommit(true);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      out("copy_in", copy.copyIn("COPY j (id, name) FROM STDIN WITH (FORMAT csv)", new StringReader("10,ten\n11,\"el,even\"\n")));
      StringWriter w = new StringWriter();
      out("copy_out", copy.copyOut("COPY (SELECT id, name FROM j WHERE id >= 10 ORDER BY id) TO STDOUT WITH (FORMAT csv)", w));
      out("copy_out_text", w.toString().replace("\n", "\\n"));
      // DatabaseMetaData: needs the pg_catalog emulation; every call is reported, failures included
      DatabaseMetaData md = c.getMetaData();
      out("product", md.getDatabaseProductName() + " " + md.getDatabaseMajorVersion());
      meta("getSchemas", () -> md.getSchemas(), "TABLE_SCHEM");
      meta("getTables", () -> md.getTables(null, "public", "j", null), "TABLE_NAME");
      meta("getColumns", () -> md.getColumns(null, "public", "j", null), "COLUMN_NAME");
      meta("getPrimaryKeys", () -> md.getPrimaryKeys(null, "public", "j"), "COLUMN_NAME");
      meta("getTypeInfo", () -> md.getTypeInfo(), "TYPE_NAME");
      meta("getIndexInfo", () -> md.getIndexInfo(null, "public", "j", false, true), "INDEX_NAME");
      meta("getImportedKeys", () -> md.getImportedKeys(null, "public", "j"), "PKCOLUMN_NAME");
      meta("getExportedKeys", () -> md.getExportedKeys(null, "public", "j"), "FKCOLUMN_NAME");
      meta("getProcedures", () -> md.getProcedures(null, "pg_catalog", "length"), "PROCEDURE_NAME");
      meta("getFunctions", () -> md.getFunctions(null, "pg_catalog", "upper"), "FUNCTION_NAME");
      meta("getFunctionColumns", () -> md.getFunctionColumns(null, "pg_catalog", "upper", null), "TYPE_NAME");
      meta("getTablePrivileges", () -> md.getTablePrivileges(null, "public", "j"), "PRIVILEGE");
    }
  }

  interface Meta { ResultSet get() throws SQLException; }

  static void meta(String name, Meta m, String column) {
    try (ResultSet rs = m.get()) {
      List<String> vals = new ArrayList<>();
      while (rs.next()) vals.add(rs.getString(column));
      out("meta." + name, "ok " + vals.size() + " " + String.join(",", vals.subList(0, Math.min(vals.size(), 12))));
    } catch (SQLException e) {
      out("meta." + name, "error " + e.getSQLState() + " " + e.getMessage().replace("\n", " "));
    }
  }
}
