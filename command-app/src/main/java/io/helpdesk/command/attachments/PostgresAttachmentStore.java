package io.helpdesk.command.attachments;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The attachment store in PostgreSQL ({@code command.attachment}): one row per distinct content, its bytes in a
 * {@code bytea} column stored out of line. A file sent twice, by anyone, is kept once.
 */
@Component
class PostgresAttachmentStore implements AttachmentStore {

    private final JdbcTemplate jdbc;

    PostgresAttachmentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Stored put(Path file, String name, String contentType) {
        String sha256 = Sha256.of(file);
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            jdbc.update(connection -> {
                var insert = connection.prepareStatement("""
                        INSERT INTO command.attachment (sha256, size, name, content_type, content)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (sha256) DO NOTHING""");
                insert.setString(1, sha256);
                insert.setLong(2, size);
                insert.setString(3, name);
                insert.setString(4, contentType);
                insert.setBinaryStream(5, in, size);
                return insert;
            });
            return new Stored(sha256, size, name, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Stored> find(String sha256) {
        return jdbc.query("SELECT sha256, size, name, content_type FROM command.attachment WHERE sha256 = ?",
                          (row, n) -> new Stored(row.getString(1), row.getLong(2), row.getString(3), row.getString(4)),
                          sha256).stream().findFirst();
    }

    @Override
    public Optional<byte[]> read(String sha256) {
        List<byte[]> found = jdbc.query("SELECT content FROM command.attachment WHERE sha256 = ?",
                                        (row, n) -> row.getBytes(1), sha256);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = found.get(0);
        String actual = Sha256.of(bytes);
        if (!actual.equals(sha256)) {
            throw new Damaged(sha256, actual);
        }
        return Optional.of(bytes);
    }
}
