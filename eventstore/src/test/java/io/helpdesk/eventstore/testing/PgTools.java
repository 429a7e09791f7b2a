package io.helpdesk.eventstore.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * PostgreSQL's own client tools on a test database: a plain SQL dump written gzipped ({@code pg_dump}), and such
 * a dump loaded into a database ({@code psql}). Debian's {@code postgresql-client} has them; {@code ./test.sh}
 * installs it when they are missing.
 */
public final class PgTools {

    private PgTools() {
    }

    /** The whole database as plain SQL, without owners or grants, gzipped into the file. */
    public static void dump(TestDatabase.Database database, Path gzipped) throws IOException, InterruptedException {
        Files.createDirectories(gzipped.toAbsolutePath().getParent());
        Process process = start(database, List.of("pg_dump", "--no-owner", "--no-privileges", database.name()));
        CompletableFuture<String> errors = drain(process.getErrorStream());
        try (InputStream sql = process.getInputStream();
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            sql.transferTo(out);
        }
        finish(process, errors, "pg_dump");
    }

    /** A gzipped plain SQL dump loaded into the (empty) database; stops at the first error. */
    public static void load(InputStream gzipped, TestDatabase.Database database) throws IOException, InterruptedException {
        Process process = start(database, List.of("psql", "--quiet", "--no-psqlrc", "--set=ON_ERROR_STOP=1",
                                                  "--output=/dev/null", "--dbname=" + database.name()));
        CompletableFuture<String> errors = drain(process.getErrorStream());
        CompletableFuture<String> output = drain(process.getInputStream());
        // pg_dump 15.14 and later guard a dump with \restrict: older psql (and other clients) do not know it, and
        // a fixture of ours needs no such guard.
        try (var sql = new java.io.BufferedReader(new java.io.InputStreamReader(new GZIPInputStream(gzipped),
                                                                                 StandardCharsets.UTF_8));
             var in = new java.io.BufferedWriter(new java.io.OutputStreamWriter(process.getOutputStream(),
                                                                                StandardCharsets.UTF_8))) {
            for (String line = sql.readLine(); line != null; line = sql.readLine()) {
                if (!line.startsWith("\\restrict ") && !line.startsWith("\\unrestrict ")) {
                    in.write(line);
                    in.write('\n');
                }
            }
        }
        output.join();
        finish(process, errors, "psql");
    }

    private static Process start(TestDatabase.Database database, List<String> tool) throws IOException {
        List<String> command = new ArrayList<>(tool.subList(0, 1));
        command.addAll(List.of("--host=" + database.host(), "--port=" + database.port(),
                               "--username=" + database.user()));
        command.addAll(tool.subList(1, tool.size()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PGPASSWORD", database.password());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException(tool.get(0) + " is needed (Debian: apt-get install postgresql-client; "
                                          + "./test.sh installs it)", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    private static void finish(Process process, CompletableFuture<String> errors, String tool)
            throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " failed: " + errors.join());
        }
    }
}
